package dev.cordon.policy.eval;

/** Why a flow was denied; each reason gets its own counter at the enforcement point. */
public enum DenyReason {
  /** No rule allows the flow (default deny). */
  NO_MATCHING_RULE,
  /** A deny rule matched; deny wins over allow. */
  EXPLICIT_DENY,
  /** An allow rule matched but the device's firmware, OS or patch level is outside its range. */
  POSTURE_FAILED,
  /** An allow rule matched but not at this time in its time zone. */
  OUTSIDE_TIME_WINDOW,
  /** An allow rule matched but the device reports another site. */
  LOCATION_MISMATCH,
  /** The source is quarantined and the quarantine segment may not reach this destination. */
  QUARANTINED,
  /** The source is not a device the table knows. */
  UNKNOWN_SOURCE,
  /** The destination is neither a service nor a device the table knows. */
  UNKNOWN_DESTINATION,
  /** The source device has been revoked. */
  REVOKED,
  /** The source device awaits an administrator's approval. */
  PENDING_APPROVAL
}
