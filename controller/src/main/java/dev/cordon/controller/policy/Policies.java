package dev.cordon.controller.policy;

import dev.cordon.controller.audit.AuditAction;
import dev.cordon.controller.audit.AuditLog;
import dev.cordon.controller.audit.AuditOutcome;
import dev.cordon.controller.registry.ContentionException;
import dev.cordon.controller.registry.NotFoundException;
import dev.cordon.controller.store.Compare;
import dev.cordon.controller.store.KeyValue;
import dev.cordon.controller.store.Op;
import dev.cordon.controller.store.Store;
import dev.cordon.policy.load.LoadResult;
import dev.cordon.policy.load.PolicyLoader;
import dev.cordon.policy.load.Problem;
import dev.cordon.policy.model.PolicyDocument;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The policy documents of record. Applying validates first (nothing is stored for a document with
 * errors), then writes the next version, moves the head and appends the audit entry in one
 * compare-and-set on the head, so concurrent applies through several controllers each get their own
 * version. Reads are safe to retry; {@link #apply} is safe to retry too: a repeat of a document
 * that became current is {@link ApplyOutcome.Unchanged}.
 */
public final class Policies {
  private static final int ATTEMPTS = 16;

  private final Store store;
  private final Clock clock;
  private final AuditLog audit;

  public Policies(Store store, Clock clock, AuditLog audit) {
    this.store = store;
    this.clock = clock;
    this.audit = audit;
  }

  /**
   * Applies {@code source} as the next version.
   *
   * @param author the admin's SPIFFE ID from the TLS session: the audit entry's principal and the
   *     version's "applied by"
   * @param expectedVersion the version the author based the document on, or 0 for "whatever is
   *     current"
   * @throws PolicyConflictException if {@code expectedVersion} is set and no longer current
   */
  public ApplyOutcome apply(String author, String source, String comment, long expectedVersion) {
    LoadResult loaded = PolicyLoader.load(source);
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      Optional<KeyValue> head = store.get(PolicyKeys.HEAD);
      long current = head.map(kv -> Long.parseLong(kv.valueUtf8())).orElse(0L);
      if (!loaded.ok()) {
        audit.append(
            author,
            AuditAction.POLICY_APPLY,
            "policy",
            AuditOutcome.FAILED,
            "",
            loaded.errors().size() + " problem(s), first: " + loaded.errors().getFirst());
        return new ApplyOutcome.Invalid(current, loaded.problems());
      }
      if (expectedVersion != 0 && expectedVersion != current) {
        throw new PolicyConflictException(expectedVersion, current);
      }
      Optional<StoredPolicy> previous = current == 0 ? Optional.empty() : Optional.of(get(current));
      byte[] sha = StoredPolicy.digest(source);
      if (previous.isPresent() && Arrays.equals(previous.get().sha256(), sha)) {
        return new ApplyOutcome.Unchanged(previous.get());
      }
      StoredPolicy next =
          new StoredPolicy(current + 1, source, sha, clock.instant(), author, comment);
      PolicyDocument document = loaded.orThrow();
      PolicyDiff diff = diff(previous.orElse(null), next.version(), source, document);
      boolean stored =
          store
              .txn()
              .when(
                  Compare.modRevision(PolicyKeys.HEAD, head.map(KeyValue::modRevision).orElse(0L)))
              .then(
                  Op.put(PolicyKeys.version(next.version()), next.encode()),
                  Op.put(PolicyKeys.HEAD, Long.toString(next.version())),
                  audit.entry(
                      author,
                      AuditAction.POLICY_APPLY,
                      "policy",
                      AuditOutcome.SUCCESS,
                      "version "
                          + current
                          + " -> "
                          + next.version()
                          + ", "
                          + diff.changes().size()
                          + " object(s) changed",
                      next.comment()))
              .commit()
              .succeeded();
      if (stored) {
        // The table feed parses the version it sees committed: this saves it the work.
        ParsedPolicies.remember(source, document);
        return new ApplyOutcome.Applied(next, diff, loaded.warnings());
      }
    }
    throw new ContentionException("policy head");
  }

  /** The current version's number, 0 before the first apply. */
  public long currentVersion() {
    return store.get(PolicyKeys.HEAD).map(kv -> Long.parseLong(kv.valueUtf8())).orElse(0L);
  }

  public Optional<StoredPolicy> current() {
    long v = currentVersion();
    return v == 0 ? Optional.empty() : Optional.of(get(v));
  }

  /** One version; 0 means the current one. */
  public StoredPolicy get(long version) {
    long v = version == 0 ? currentVersion() : version;
    if (v <= 0) {
      throw new NotFoundException("policy (none applied yet)");
    }
    return store
        .get(PolicyKeys.version(v))
        .map(kv -> StoredPolicy.decode(kv.value()))
        .orElseThrow(() -> new NotFoundException("policy version " + v));
  }

  /** Up to {@code limit} versions older than {@code before} (0: from the newest), newest first. */
  public List<StoredPolicy> history(int limit, long before) {
    long v = before == 0 ? currentVersion() : Math.min(before - 1, currentVersion());
    List<StoredPolicy> out = new ArrayList<>();
    for (; v >= 1 && out.size() < limit; v--) {
      store
          .get(PolicyKeys.version(v))
          .map(kv -> StoredPolicy.decode(kv.value()))
          .ifPresent(out::add);
    }
    return out;
  }

  /** The diff between two applied versions; 0 for {@code from} means the current one. */
  public PolicyDiff diff(long from, long to) {
    StoredPolicy older = get(from);
    StoredPolicy newer = get(to);
    return PolicyDiffer.diff(
        older.version(),
        older.source(),
        parse(older),
        newer.version(),
        newer.source(),
        parse(newer));
  }

  /**
   * The diff from an applied version (0: the current one; none yet gives a diff from nothing) to a
   * candidate document, or the candidate's problems.
   */
  public CandidateDiff diffCandidate(long from, String candidate) {
    LoadResult loaded = PolicyLoader.load(candidate);
    if (!loaded.ok()) {
      return new CandidateDiff(Optional.empty(), loaded.problems());
    }
    StoredPolicy older = from == 0 && currentVersion() == 0 ? null : get(from);
    return new CandidateDiff(
        Optional.of(diff(older, 0, candidate, loaded.orThrow())), loaded.warnings());
  }

  /** A candidate's diff, or (when absent) the problems that stop it from being compared. */
  public record CandidateDiff(Optional<PolicyDiff> diff, List<Problem> problems) {
    public CandidateDiff {
      problems = List.copyOf(problems);
    }
  }

  /** Parses a stored source; it was valid when stored, so failing now is a bug, not bad input. */
  public static PolicyDocument parse(StoredPolicy stored) {
    return ParsedPolicies.parse(stored.source());
  }

  private static PolicyDiff diff(
      StoredPolicy older, long toVersion, String newerSource, PolicyDocument newer) {
    return older == null
        ? PolicyDiffer.diff(0, null, null, toVersion, newerSource, newer)
        : PolicyDiffer.diff(
            older.version(), older.source(), parse(older), toVersion, newerSource, newer);
  }
}
