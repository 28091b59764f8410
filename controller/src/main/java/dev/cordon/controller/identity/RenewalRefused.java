package dev.cordon.controller.identity;

import dev.cordon.controller.ca.RenewalDecision;
import java.util.Objects;

/** Renewal was refused by the registry's status or the 2/3-of-life rule. */
public final class RenewalRefused extends RuntimeException {

  private final RenewalDecision.Reason reason;

  public RenewalRefused(RenewalDecision.Reason reason, String message) {
    super(message);
    this.reason = Objects.requireNonNull(reason);
  }

  public RenewalDecision.Reason reason() {
    return reason;
  }
}
