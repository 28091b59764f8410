package dev.cordon.controller.registry;

/** The change does not apply to the record's current state (approving an active device, say). */
public final class StatusConflictException extends RuntimeException {
  public StatusConflictException(String message) {
    super(message);
  }
}
