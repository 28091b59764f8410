package dev.cordon.controller.ca;

import java.util.Objects;

/** Whether a certificate may be renewed now, and if not, why. */
public sealed interface RenewalDecision {

  record Allowed() implements RenewalDecision {}

  record Refused(Reason reason, String detail) implements RenewalDecision {
    public Refused {
      Objects.requireNonNull(reason);
      Objects.requireNonNull(detail);
    }
  }

  enum Reason {
    REVOKED,
    QUARANTINED,
    NOT_APPROVED,
    /**
     * Before 2/3 of the lifetime and not forced; retry from {@link RenewalPolicy#renewableFrom}.
     */
    TOO_EARLY
  }

  default boolean isAllowed() {
    return this instanceof Allowed;
  }
}
