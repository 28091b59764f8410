package dev.cordon.controller.registry;

import dev.cordon.controller.ca.IdentityStatus;

/** A device's (or gateway's) life state; the CA's renewal decision reads it as IdentityStatus. */
public enum DeviceStatus {
  PENDING,
  ACTIVE,
  QUARANTINED,
  REVOKED;

  public IdentityStatus identityStatus() {
    return IdentityStatus.valueOf(name());
  }
}
