package dev.cordon.controller.store;

/** A put named a lease that has expired, was revoked, or never existed. */
public final class LeaseNotFoundException extends StoreException {
  private static final long serialVersionUID = 1L;

  public LeaseNotFoundException(long leaseId) {
    super("lease " + Long.toHexString(leaseId) + " does not exist (expired or revoked)");
  }
}
