package dev.cordon.controller.store;

/**
 * One candidate's hold on the leader key: the lease keeping it alive and the revision that created
 * it. The create revision is unique to this term, so {@link #fence()} stops holding the moment the
 * key is deleted or re-created by someone else, even if this process never noticed.
 */
public record LeaderTerm(String key, String candidate, long leaseId, long createRevision) {

  /** The compare every leader-only write carries. */
  public Compare fence() {
    return Compare.createRevision(key, createRevision);
  }
}
