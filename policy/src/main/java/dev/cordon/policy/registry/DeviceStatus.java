package dev.cordon.policy.registry;

/**
 * Lifecycle of a device. Only active and quarantined devices are ever authorized peers; a
 * quarantined device belongs to the quarantine segment alone.
 */
public enum DeviceStatus {
  PENDING,
  ACTIVE,
  QUARANTINED,
  REVOKED;

  public boolean authorized() {
    return this == ACTIVE || this == QUARANTINED;
  }
}
