package dev.cordon.controller.audit;

/** How an audited action ended. */
public enum AuditOutcome {
  SUCCESS,
  /** Refused for authentication or authorization. */
  DENIED,
  /** Attempted and failed for another reason (invalid input, conflict). */
  FAILED
}
