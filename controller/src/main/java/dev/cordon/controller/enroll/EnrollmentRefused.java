package dev.cordon.controller.enroll;

import java.util.Objects;

/** A token was not accepted. The message names the token id at most, never its secret. */
public final class EnrollmentRefused extends RuntimeException {

  public enum Reason {
    MALFORMED_TOKEN,
    UNKNOWN_TOKEN,
    /** The id exists but the secret does not match its hash. */
    WRONG_SECRET,
    EXPIRED,
    USED,
    REVOKED,
    /** The token names another CA or trust domain: it belongs to another deployment. */
    FOREIGN_DEPLOYMENT
  }

  private final Reason reason;

  public EnrollmentRefused(Reason reason, String message) {
    super(message);
    this.reason = Objects.requireNonNull(reason);
  }

  public Reason reason() {
    return reason;
  }
}
