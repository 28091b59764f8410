package dev.cordon.controller.store;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Leader election for singleton jobs (expiry sweeps) on a leased key. Being elected is not enough
 * to act: an elected process can pause past its lease while another is elected (Jepsen found etcd
 * locks do not guarantee mutual exclusion under pauses). So every leader-only write goes through
 * {@link #commitAsLeader}, which adds the term's fencing compare; a stale leader's write fails.
 *
 * <p>Usage: call {@link #tryAcquire} until it returns a term; {@link #renew} it about every third
 * of the TTL; stop leader work as soon as renew returns false or a fenced commit fails.
 */
public final class LeaderElection {
  private final Store store;
  private final String key;
  private final String candidate;
  private final Duration ttl;

  public LeaderElection(Store store, String key, String candidate, Duration ttl) {
    Keys.key(key);
    if (candidate.isEmpty()) {
      throw new IllegalArgumentException("a candidate needs a name (the leader key's value)");
    }
    this.store = store;
    this.key = key;
    this.candidate = candidate;
    this.ttl = ttl;
  }

  /**
   * Becomes leader if nobody is. Safe to retry: a retry after an unknown outcome either wins or
   * sees the key taken; a lease granted for a lost attempt is revoked or expires.
   */
  public Optional<LeaderTerm> tryAcquire() {
    Lease lease = store.grantLease(ttl);
    TxnResult result;
    try {
      result =
          store.commit(
              new TxnRequest(
                  List.of(Compare.absent(key)),
                  List.of(Op.put(key, candidate.getBytes(StandardCharsets.UTF_8), lease.id())),
                  List.of()));
    } catch (StoreException e) {
      store.revoke(lease.id());
      throw e;
    }
    if (!result.succeeded()) {
      store.revoke(lease.id());
      return Optional.empty();
    }
    return Optional.of(new LeaderTerm(key, candidate, lease.id(), result.revision()));
  }

  /** Keeps the term's lease alive; false means the term is over. Safe to retry. */
  public boolean renew(LeaderTerm term) {
    return store.keepAlive(term.leaseId());
  }

  /**
   * Commits {@code request} only while {@code term} is current. {@code succeeded=false} means
   * either the term is over or the request's own compares failed; check {@link #holds} to tell.
   * Retry-safety is the request's own (see {@link Store#commit}).
   */
  public TxnResult commitAsLeader(LeaderTerm term, TxnRequest request) {
    return store.commit(request.guardedBy(term.fence()));
  }

  /** Whether the leader key is still the one {@code term} created. Safe to retry. */
  public boolean holds(LeaderTerm term) {
    return store.get(key).map(kv -> kv.createRevision() == term.createRevision()).orElse(false);
  }

  /** The current leader's name, if there is one. Safe to retry. */
  public Optional<String> leader() {
    return store.get(key).map(KeyValue::valueUtf8);
  }

  /**
   * Steps down: ends the term's lease, which deletes the key if it is still ours. Safe to retry.
   */
  public void resign(LeaderTerm term) {
    store.revoke(term.leaseId());
  }
}
