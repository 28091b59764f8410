package dev.cordon.controller.registry;

/** The named device, gateway, admin or token does not exist. */
public final class NotFoundException extends RuntimeException {
  public NotFoundException(String what) {
    super(what + " does not exist");
  }
}
