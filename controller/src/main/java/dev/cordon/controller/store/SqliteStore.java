package dev.cordon.controller.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The embedded store: one SQLite file in WAL mode, one writing connection, one writer at a time.
 * Every write and every watch registration takes the lock, so transactions are serialized and a
 * commit's events reach the watches before the next commit starts. Transactions that queue up
 * behind one another share one commit ({@link SqliteGroupCommit}). Plain reads go through a second
 * connection ({@link SqliteReads}) and see the last committed revision without waiting for the
 * writer.
 */
final class SqliteStore implements Store {
  private final SqliteFiles files;
  private final Connection conn;
  private final SqliteReads reads;
  private final SqliteStoreOptions options;
  private final ReentrantLock lock = new ReentrantLock();
  private final SqliteWatchers watchers = new SqliteWatchers();
  private final SqliteGroupCommit group = new SqliteGroupCommit();
  private long batches; // lock held; how many group commits ran, for tests
  private final ScheduledExecutorService sweeper;
  private boolean closed;

  private SqliteStore(
      SqliteFiles files, Connection conn, SqliteReads reads, SqliteStoreOptions options) {
    this.files = files;
    this.conn = conn;
    this.reads = reads;
    this.options = options;
    this.sweeper =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("cordon-store-lease-sweeper").factory());
    long every = options.leaseSweepInterval().toMillis();
    sweeper.scheduleWithFixedDelay(this::sweepQuietly, every, every, TimeUnit.MILLISECONDS);
  }

  static SqliteStore open(java.nio.file.Path dataDir, SqliteStoreOptions options) {
    SqliteFiles files = SqliteFiles.claim(dataDir);
    Connection conn = null;
    try {
      conn = files.connect(options);
      SqliteSchema.create(conn);
      SqliteReads reads = new SqliteReads(files.connectReader(options), files.database());
      return new SqliteStore(files, conn, reads, options);
    } catch (SQLException | RuntimeException e) {
      closeQuietly(conn);
      files.release();
      throw new StoreException("cannot open the store database " + files.database(), e);
    }
  }

  @Override
  public Optional<KeyValue> get(String key) {
    Keys.key(key);
    return Optional.ofNullable(reads.read("get " + key, c -> SqliteRows.get(c, key)));
  }

  @Override
  public Range range(String prefix) {
    Keys.prefix(prefix);
    // One read transaction: the rows and the revision they were read at agree.
    return reads.read(
        "range " + prefix,
        c -> new Range(SqliteRows.range(c, prefix), SqliteSchema.meta(c, SqliteSchema.REVISION)));
  }

  /**
   * Queues the transaction and commits it with whatever else is queued ({@link SqliteGroupCommit}):
   * returns only after the fsync that makes it durable, with its events already published.
   */
  @Override
  public TxnResult commit(TxnRequest request) {
    SqliteGroupCommit.Pending mine = group.enqueue(request);
    lock.lock();
    try {
      while (!mine.done()) {
        List<SqliteGroupCommit.Pending> batch = group.take();
        if (batch.isEmpty()) {
          throw new IllegalStateException("a queued transaction left the queue unfinished");
        }
        batches++;
        commitBatch(batch);
      }
    } finally {
      lock.unlock();
    }
    return mine.outcome();
  }

  /**
   * Lock held. Each transaction runs in its own savepoint, so one that fails (a lease that is gone,
   * a SQL error) is undone alone and the rest still commit; then one commit covers the batch, and
   * only after it succeeds are the events published, in revision order.
   */
  private void commitBatch(List<SqliteGroupCommit.Pending> batch) {
    try {
      if (closed) {
        for (SqliteGroupCommit.Pending p : batch) {
          p.fail(
              new StoreException(
                  "transaction failed: the store " + files.database() + " is closed"));
        }
        return;
      }
      try {
        for (SqliteGroupCommit.Pending p : batch) {
          execute("SAVEPOINT txn");
          try {
            apply(p);
            execute("RELEASE txn");
          } catch (SQLException | RuntimeException e) {
            execute("ROLLBACK TO txn");
            execute("RELEASE txn");
            p.fail(failure(e));
          }
        }
        conn.commit();
      } catch (SQLException | RuntimeException | Error e) {
        // Nothing of the batch may stay behind in the connection for the next one to commit.
        rollback(e);
        for (SqliteGroupCommit.Pending p : batch) {
          if (!p.hasFailed()) {
            p.fail(failure(e));
          }
        }
        if (e instanceof Error error) {
          throw error;
        }
        return;
      }
      for (SqliteGroupCommit.Pending p : batch) {
        watchers.publish(p.events());
      }
    } finally {
      for (SqliteGroupCommit.Pending p : batch) {
        p.finish();
      }
    }
  }

  private RuntimeException failure(Throwable e) {
    return e instanceof RuntimeException runtime
        ? runtime
        : new StoreException(
            "transaction failed on " + files.database() + ": " + e.getMessage(), e);
  }

  private void execute(String sql) throws SQLException {
    SqliteStatements.prepare(conn, sql).execute();
  }

  /** Lock held, inside the batch's savepoint: compares, then the chosen branch's writes. */
  private void apply(SqliteGroupCommit.Pending pending) throws SQLException {
    TxnRequest request = pending.request;
    boolean holds = true;
    for (Compare compare : request.compares()) {
      holds &= compare.holds(SqliteRows.get(conn, compare.key()));
    }
    List<Op> ops = holds ? request.then() : request.otherwise();
    long revision = SqliteSchema.meta(conn, SqliteSchema.REVISION);
    requireLeases(ops);
    SqliteWrites writes = new SqliteWrites(conn, revision + 1);
    for (Op op : ops) {
      writes.apply(op);
    }
    if (writes.events().isEmpty()) {
      pending.applied(new TxnResult(holds, revision), List.of());
      return;
    }
    SqliteSchema.setMeta(conn, SqliteSchema.REVISION, revision + 1);
    pending.applied(new TxnResult(holds, revision + 1), writes.events());
  }

  private void requireLeases(List<Op> ops) throws SQLException {
    for (Op op : ops) {
      if (op instanceof Op.Put put && put.lease() != 0 && !leaseAlive(put.lease())) {
        throw new LeaseNotFoundException(put.lease());
      }
    }
  }

  @Override
  public Watch watch(String prefix, long fromRevision, WatchListener listener) {
    Keys.prefix(prefix);
    if (fromRevision < 1) {
      throw new IllegalArgumentException("a watch starts at revision 1 or later");
    }
    return locked(
        "watch " + prefix,
        () -> {
          long compacted = SqliteSchema.meta(conn, SqliteSchema.COMPACT_REVISION);
          if (fromRevision < compacted) {
            return watchers.startEnded(prefix, listener, new WatchEvent.Compacted(compacted));
          }
          return watchers.start(prefix, listener, SqliteRows.history(conn, prefix, fromRevision));
        });
  }

  @Override
  public void compact(long revision) {
    locked(
        "compact to " + revision,
        () -> {
          long current = SqliteSchema.meta(conn, SqliteSchema.REVISION);
          if (revision > current) {
            throw new IllegalArgumentException(
                "cannot compact to revision " + revision + ": the store is at " + current);
          }
          if (revision <= SqliteSchema.meta(conn, SqliteSchema.COMPACT_REVISION)) {
            return null;
          }
          try (PreparedStatement st = conn.prepareStatement("DELETE FROM log WHERE rev < ?")) {
            st.setLong(1, revision);
            st.executeUpdate();
          }
          SqliteSchema.setMeta(conn, SqliteSchema.COMPACT_REVISION, revision);
          conn.commit();
          return null;
        });
  }

  @Override
  public Lease grantLease(Duration ttl) {
    if (ttl.isNegative() || ttl.isZero()) {
      throw new IllegalArgumentException("a lease needs a positive TTL, got " + ttl);
    }
    long ttlMillis = ttl.toMillis();
    long id =
        locked(
            "grant lease",
            () -> {
              try (PreparedStatement st =
                  conn.prepareStatement(
                      "INSERT INTO lease(ttl_ms, expires_at_ms) VALUES (?, ?) RETURNING id")) {
                st.setLong(1, ttlMillis);
                st.setLong(2, now() + ttlMillis);
                try (ResultSet rs = st.executeQuery()) {
                  rs.next();
                  long granted = rs.getLong(1);
                  rs.close();
                  conn.commit();
                  return granted;
                }
              }
            });
    return new Lease(id, Duration.ofMillis(ttlMillis));
  }

  @Override
  public boolean keepAlive(long leaseId) {
    return locked(
        "keep lease alive",
        () -> {
          if (!leaseAlive(leaseId)) {
            expire(leaseId); // expired but not yet swept: its keys go now, not later
            return false;
          }
          try (PreparedStatement st =
              conn.prepareStatement("UPDATE lease SET expires_at_ms = ? + ttl_ms WHERE id = ?")) {
            st.setLong(1, now());
            st.setLong(2, leaseId);
            st.executeUpdate();
          }
          conn.commit();
          return true;
        });
  }

  @Override
  public void revoke(long leaseId) {
    locked(
        "revoke lease",
        () -> {
          expire(leaseId);
          return null;
        });
  }

  @Override
  public long currentRevision() {
    return reads.read("read revision", c -> SqliteSchema.meta(c, SqliteSchema.REVISION));
  }

  /** How many group commits have run: fewer than transactions when callers overlapped. */
  long batches() {
    lock.lock();
    try {
      return batches;
    } finally {
      lock.unlock();
    }
  }

  /** Ends every lease whose deadline has passed on the options' clock; the sweeper calls this. */
  void sweepExpiredLeases() {
    locked(
        "sweep expired leases",
        () -> {
          List<Long> expired = new ArrayList<>();
          try (PreparedStatement st =
              conn.prepareStatement("SELECT id FROM lease WHERE expires_at_ms <= ? ORDER BY id")) {
            st.setLong(1, now());
            try (ResultSet rs = st.executeQuery()) {
              while (rs.next()) {
                expired.add(rs.getLong(1));
              }
            }
          }
          for (long id : expired) {
            expire(id);
          }
          return null;
        });
  }

  /** Deletes the lease and its keys at one new revision (none if it had no keys). Lock held. */
  private void expire(long leaseId) throws SQLException {
    long revision = SqliteSchema.meta(conn, SqliteSchema.REVISION);
    SqliteWrites writes = new SqliteWrites(conn, revision + 1);
    for (String key : SqliteRows.keysWithLease(conn, leaseId)) {
      writes.delete(key);
    }
    try (PreparedStatement st = conn.prepareStatement("DELETE FROM lease WHERE id = ?")) {
      st.setLong(1, leaseId);
      st.executeUpdate();
    }
    if (!writes.events().isEmpty()) {
      SqliteSchema.setMeta(conn, SqliteSchema.REVISION, revision + 1);
    }
    conn.commit();
    watchers.publish(writes.events());
  }

  private boolean leaseAlive(long leaseId) throws SQLException {
    try (PreparedStatement st =
        conn.prepareStatement("SELECT expires_at_ms FROM lease WHERE id = ?")) {
      st.setLong(1, leaseId);
      try (ResultSet rs = st.executeQuery()) {
        return rs.next() && rs.getLong(1) > now();
      }
    }
  }

  private long now() {
    return options.clock().millis();
  }

  private void sweepQuietly() {
    try {
      sweepExpiredLeases();
    } catch (StoreException e) {
      System.getLogger(SqliteStore.class.getName())
          .log(System.Logger.Level.WARNING, "lease sweep failed; retrying next round", e);
    }
  }

  @Override
  public void close() {
    lock.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      sweeper.shutdownNow();
      watchers.endAll(new WatchEvent.Broken(new StoreException("the store was closed")));
      reads.close();
      SqliteStatements.forget(conn);
      conn.close();
    } catch (SQLException e) {
      throw new StoreException("closing " + files.database() + " failed", e);
    } finally {
      files.release();
      lock.unlock();
    }
  }

  private static void closeQuietly(Connection conn) {
    if (conn == null) {
      return;
    }
    SqliteStatements.forget(conn);
    try {
      conn.close();
    } catch (SQLException e) {
      // Opening failed already; that failure is the one reported.
    }
  }

  /** Work on the connection; a SQL failure rolls back and names the store file. */
  private interface SqlWork<T> {
    T run() throws SQLException;
  }

  private <T> T locked(String what, SqlWork<T> work) {
    lock.lock();
    try {
      if (closed) {
        throw new StoreException(what + " failed: the store " + files.database() + " is closed");
      }
      try {
        T result = work.run();
        conn.commit(); // ends the read transaction so the WAL can be checkpointed
        return result;
      } catch (SQLException | RuntimeException e) {
        rollback(e);
        if (e instanceof RuntimeException runtime) {
          throw runtime;
        }
        throw new StoreException(
            what + " failed on " + files.database() + ": " + e.getMessage(), e);
      }
    } finally {
      lock.unlock();
    }
  }

  private void rollback(Throwable cause) {
    try {
      conn.rollback();
    } catch (SQLException e) {
      cause.addSuppressed(e);
    }
  }
}
