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
 * The embedded store: one SQLite file in WAL mode, one connection, one writer at a time. Every
 * operation takes the lock, so transactions are serialized and a commit's events reach the watches
 * before the next commit starts; reads are short and share the lock to see one consistent revision.
 */
final class SqliteStore implements Store {
  private final SqliteFiles files;
  private final Connection conn;
  private final SqliteStoreOptions options;
  private final ReentrantLock lock = new ReentrantLock();
  private final SqliteWatchers watchers = new SqliteWatchers();
  private final ScheduledExecutorService sweeper;
  private boolean closed;

  private SqliteStore(SqliteFiles files, Connection conn, SqliteStoreOptions options) {
    this.files = files;
    this.conn = conn;
    this.options = options;
    this.sweeper =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("cordon-store-lease-sweeper").factory());
    long every = options.leaseSweepInterval().toMillis();
    sweeper.scheduleWithFixedDelay(this::sweepQuietly, every, every, TimeUnit.MILLISECONDS);
  }

  static SqliteStore open(java.nio.file.Path dataDir, SqliteStoreOptions options) {
    SqliteFiles files = SqliteFiles.claim(dataDir);
    try {
      Connection conn = files.connect(options);
      SqliteSchema.create(conn);
      return new SqliteStore(files, conn, options);
    } catch (SQLException | RuntimeException e) {
      files.release();
      throw new StoreException("cannot open the store database " + files.database(), e);
    }
  }

  @Override
  public Optional<KeyValue> get(String key) {
    Keys.key(key);
    return Optional.ofNullable(locked("get " + key, () -> SqliteRows.get(conn, key)));
  }

  @Override
  public Range range(String prefix) {
    Keys.prefix(prefix);
    return locked(
        "range " + prefix,
        () ->
            new Range(
                SqliteRows.range(conn, prefix), SqliteSchema.meta(conn, SqliteSchema.REVISION)));
  }

  @Override
  public TxnResult commit(TxnRequest request) {
    return locked("transaction", () -> apply(request));
  }

  private TxnResult apply(TxnRequest request) throws SQLException {
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
      return new TxnResult(holds, revision);
    }
    SqliteSchema.setMeta(conn, SqliteSchema.REVISION, revision + 1);
    conn.commit();
    watchers.publish(writes.events());
    return new TxnResult(holds, revision + 1);
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
    return locked("read revision", () -> SqliteSchema.meta(conn, SqliteSchema.REVISION));
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
      conn.close();
    } catch (SQLException e) {
      throw new StoreException("closing " + files.database() + " failed", e);
    } finally {
      files.release();
      lock.unlock();
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

  private void rollback(Exception cause) {
    try {
      conn.rollback();
    } catch (SQLException e) {
      cause.addSuppressed(e);
    }
  }
}
