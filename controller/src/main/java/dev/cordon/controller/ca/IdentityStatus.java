package dev.cordon.controller.ca;

/** The registry's status of an identity, as far as the CA's renewal decision cares. */
public enum IdentityStatus {
  /** Enrolled but waiting for an admin's approval. */
  PENDING,
  ACTIVE,
  QUARANTINED,
  REVOKED
}
