package dev.cordon.controller.ipam;

/** Every address in the pool is taken. */
public final class PoolExhaustedException extends RuntimeException {
  public PoolExhaustedException(AddressPool pool) {
    super("the overlay pool " + pool + " has no free address; widen it or delete devices");
  }
}
