package dev.cordon.controller.store;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The controller's state: a revisioned key-value store with etcd's semantics.
 *
 * <p>Keys are non-empty UTF-8 strings with a {@code /} hierarchy ({@code /devices/d1}); values are
 * bytes. Every change moves the store's revision forward by one, whatever number of keys one
 * transaction touched. Each operation says whether it is safe to retry after an error whose outcome
 * is unknown (a timeout, a lost connection): reads always are; writes are when their compares make
 * a second application fail.
 *
 * <p>Open one with {@link #openSqlite} (one controller) or {@link #connectEtcd} (several).
 */
public interface Store extends AutoCloseable {

  /** The embedded store in {@code dataDir} (created if needed; one process per directory). */
  static Store openSqlite(Path dataDir, SqliteStoreOptions options) {
    return SqliteStore.open(dataDir, options);
  }

  /** A store on an etcd cluster, under {@code options.namespace()}. */
  static Store connectEtcd(List<String> endpoints, EtcdStoreOptions options) {
    return EtcdStore.connect(endpoints, options);
  }

  /** The key's current value, if it exists. Safe to retry. */
  Optional<KeyValue> get(String key);

  /**
   * Every key starting with {@code prefix} ({@code ""}: every key), ordered by key bytes, read at
   * one revision that is returned with them. Safe to retry.
   */
  Range range(String prefix);

  /**
   * Applies a transaction atomically and returns whether its compares held and the new revision.
   * Safe to retry only when its compares make it conditional on state its branch changes (a compare
   * on the mod revision of a key it puts: a second application then fails and returns {@code
   * succeeded=false}, which the caller resolves by re-reading). An unconditional put is idempotent
   * in value but moves the revision again.
   *
   * @throws LeaseNotFoundException if a put names a lease that does not exist; nothing is applied
   */
  TxnResult commit(TxnRequest request);

  /** Starts building a transaction that {@link Txn#commit()} sends to {@link #commit}. */
  default Txn txn() {
    return new Txn(this);
  }

  /**
   * Puts one key unconditionally; returns the revision of the change. Not idempotent in revision.
   */
  default long put(String key, byte[] value) {
    return commit(new TxnRequest(List.of(), List.of(Op.put(key, value)), List.of())).revision();
  }

  /** Deletes one key unconditionally; returns the store's revision after. Safe to retry. */
  default long delete(String key) {
    return commit(new TxnRequest(List.of(), List.of(Op.delete(key)), List.of())).revision();
  }

  /**
   * Delivers every change to keys under {@code prefix} at revision {@code fromRevision} or later,
   * in revision order, to {@code listener}, until the watch is closed or ends with {@link
   * WatchEvent.Compacted} (when {@code fromRevision} is older than the compaction point) or {@link
   * WatchEvent.Broken}. {@code fromRevision} must be at least 1; use {@code range(p).revision() +
   * 1} to continue after a read with nothing skipped and nothing twice. Safe to retry: a new watch
   * from the last delivered revision plus one resumes exactly.
   */
  Watch watch(String prefix, long fromRevision, WatchListener listener);

  /**
   * Discards the history before {@code revision}: watches from older revisions then get {@link
   * WatchEvent.Compacted}. Current values are untouched. Safe to retry: compacting to a revision at
   * or below the current compaction point does nothing.
   *
   * @throws IllegalArgumentException if {@code revision} is in the future
   */
  void compact(long revision);

  /**
   * Grants a lease of at least {@code ttl}. Not safe to retry blindly: a retry may grant a second
   * lease; the unused one simply expires.
   */
  Lease grantLease(Duration ttl);

  /**
   * Renews the lease for another full TTL. Returns false if it no longer exists (expired or
   * revoked): its keys are gone and whatever it guarded is lost. Safe to retry.
   */
  boolean keepAlive(long leaseId);

  /** Ends the lease now and deletes its keys. Safe to retry: revoking a gone lease does nothing. */
  void revoke(long leaseId);

  /** The store's latest revision (0 before the first change). Safe to retry. */
  long currentRevision();

  /** Releases the store; watches end. */
  @Override
  void close();
}
