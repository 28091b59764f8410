package dev.cordon.controller.policy;

/**
 * The admin based a document on a version that is no longer current: applying it would silently
 * overwrite someone else's change. The caller re-reads, merges and applies again.
 */
public final class PolicyConflictException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public PolicyConflictException(long expected, long current) {
    super(
        "the document was based on policy version "
            + expected
            + " but version "
            + current
            + " is current; diff against it and apply again");
  }
}
