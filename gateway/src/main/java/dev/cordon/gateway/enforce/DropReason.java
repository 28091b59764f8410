package dev.cordon.gateway.enforce;

import dev.cordon.policy.eval.DenyReason;

/**
 * Why the gateway dropped a packet. The first group is the data path's own, checked before policy;
 * the rest mirror the policy evaluator's {@link DenyReason}s one for one.
 */
public enum DropReason {
  /** Not a whole IPv4/IPv6 packet with a readable transport header. */
  MALFORMED,
  /** The sending key is no longer in the table (removed between decrypt and enforcement). */
  UNKNOWN_PEER,
  /** The inner source is neither the sender's overlay address nor a prefix it may originate. */
  SPOOFED_SOURCE,
  /** A packet from the protected side that answers no tracked, allowed flow. */
  NO_TRACKED_FLOW,
  /** The controller has been gone past the fail-static bound: new flows are refused. */
  STALE_TABLE,
  NO_MATCHING_RULE,
  EXPLICIT_DENY,
  POSTURE_FAILED,
  OUTSIDE_TIME_WINDOW,
  LOCATION_MISMATCH,
  QUARANTINED,
  UNKNOWN_SOURCE,
  UNKNOWN_DESTINATION,
  REVOKED,
  PENDING_APPROVAL;

  private static final DropReason[] BY_DENY = new DropReason[DenyReason.values().length];

  static {
    for (DenyReason r : DenyReason.values()) BY_DENY[r.ordinal()] = valueOf(r.name());
  }

  /** The drop reason for a policy deny; allocation-free. */
  public static DropReason of(DenyReason reason) {
    return BY_DENY[reason.ordinal()];
  }
}
