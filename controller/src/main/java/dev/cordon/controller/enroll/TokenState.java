package dev.cordon.controller.enroll;

/** A token's life state, computed when read. */
public enum TokenState {
  ACTIVE,
  /** Every use spent; stays so even after the devices it made are deleted. */
  USED,
  EXPIRED,
  REVOKED
}
