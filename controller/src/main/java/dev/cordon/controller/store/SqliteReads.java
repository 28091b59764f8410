package dev.cordon.controller.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The embedded store's plain reads (get, range, current revision), on a connection of their own. In
 * WAL mode a reader sees the last committed state while the writer works, so a read never waits
 * behind a group commit's fsync (up to 3 ms on the benchmark machine, with four reads per
 * enrollment) and never sees a batch's writes before they are durable. Each read is its own
 * deferred read transaction, ended at once: it starts after every commit that has returned, so a
 * caller reads its own writes, and it does not hold the WAL back from checkpointing.
 */
final class SqliteReads {
  /** A read on the connection; a SQL failure names the store file. */
  interface SqlRead<T> {
    T run(Connection conn) throws SQLException;
  }

  private final Connection conn;
  private final Path database;
  private final ReentrantLock lock = new ReentrantLock();
  private boolean closed;

  SqliteReads(Connection conn, Path database) {
    this.conn = conn;
    this.database = database;
  }

  <T> T read(String what, SqlRead<T> work) {
    lock.lock();
    try {
      if (closed) {
        throw new StoreException(what + " failed: the store " + database + " is closed");
      }
      try {
        T result = work.run(conn);
        conn.commit(); // ends the read transaction: the next read sees newer commits
        return result;
      } catch (SQLException e) {
        try {
          conn.rollback();
        } catch (SQLException suppressed) {
          e.addSuppressed(suppressed);
        }
        throw new StoreException(what + " failed on " + database + ": " + e.getMessage(), e);
      }
    } finally {
      lock.unlock();
    }
  }

  void close() throws SQLException {
    lock.lock();
    try {
      if (!closed) {
        closed = true;
        SqliteStatements.forget(conn);
        conn.close();
      }
    } finally {
      lock.unlock();
    }
  }
}
