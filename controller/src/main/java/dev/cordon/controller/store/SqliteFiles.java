package dev.cordon.controller.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.SQLException;
import org.sqlite.SQLiteConfig;

/**
 * The embedded store's data directory: created if missing, checked for writability up front (so the
 * error names the directory, not a SQLite code), and locked for one store at a time, because
 * watches are notified in-process and a second writer would leave the first one's watches blind.
 */
final class SqliteFiles {
  static final String DATABASE = "cordon.db";
  static final String LOCK = "store.lock";

  private final Path dir;
  private final FileChannel lockChannel;
  private final FileLock lock;

  private SqliteFiles(Path dir, FileChannel lockChannel, FileLock lock) {
    this.dir = dir;
    this.lockChannel = lockChannel;
    this.lock = lock;
  }

  static SqliteFiles claim(Path dataDir) {
    Path dir = dataDir.toAbsolutePath().normalize();
    if (Files.exists(dir) && !Files.isDirectory(dir)) {
      throw new StoreException("data directory " + dir + " is not a directory");
    }
    try {
      PrivateDirectory.create(dir);
    } catch (IOException e) {
      throw new StoreException("cannot create data directory " + dir + ": " + e.getMessage(), e);
    }
    if (!Files.isWritable(dir)) {
      throw new StoreException("data directory " + dir + " is not writable");
    }
    Path lockFile = dir.resolve(LOCK);
    FileChannel channel;
    try {
      channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    } catch (IOException e) {
      throw new StoreException("cannot write " + lockFile + ": " + e.getMessage(), e);
    }
    FileLock lock = null;
    try {
      lock = channel.tryLock();
    } catch (OverlappingFileLockException | IOException e) {
      // Overlapping: this JVM already holds it; treated the same as another process holding it.
    }
    if (lock == null) {
      closeQuietly(channel);
      throw new StoreException(
          "data directory " + dir + " is in use by another store (" + lockFile + " is locked)");
    }
    return new SqliteFiles(dir, channel, lock);
  }

  Path database() {
    return dir.resolve(DATABASE);
  }

  Connection connect(SqliteStoreOptions options) throws SQLException {
    SQLiteConfig config = new SQLiteConfig();
    config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    config.setSynchronous(
        options.durableCommits()
            ? SQLiteConfig.SynchronousMode.FULL
            : SQLiteConfig.SynchronousMode.NORMAL);
    config.setBusyTimeout(Math.toIntExact(options.busyTimeout().toMillis()));
    // Take the write lock when a transaction begins, so a busy file shows up at BEGIN (and waits
    // busyTimeout) instead of failing halfway through a transaction.
    config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
    Connection conn = config.createConnection("jdbc:sqlite:" + database());
    conn.setAutoCommit(false);
    return conn;
  }

  /**
   * A connection for {@link SqliteReads}: deferred transactions (a read takes no write lock) and
   * query_only, so a bug cannot write through it. Open it after {@link #connect}, which makes the
   * schema and sets WAL mode on the file.
   */
  Connection connectReader(SqliteStoreOptions options) throws SQLException {
    SQLiteConfig config = new SQLiteConfig();
    config.setBusyTimeout(Math.toIntExact(options.busyTimeout().toMillis()));
    config.setTransactionMode(SQLiteConfig.TransactionMode.DEFERRED);
    config.setReadOnly(true);
    Connection conn = config.createConnection("jdbc:sqlite:" + database());
    conn.setAutoCommit(false);
    try (java.sql.Statement st = conn.createStatement()) {
      st.execute("PRAGMA query_only = ON");
    }
    conn.commit();
    return conn;
  }

  void release() {
    try {
      lock.release();
    } catch (IOException e) {
      // The channel close below releases it too.
    }
    closeQuietly(lockChannel);
  }

  private static void closeQuietly(FileChannel channel) {
    try {
      channel.close();
    } catch (IOException e) {
      // Nothing left to do: the process exit releases the lock.
    }
  }
}
