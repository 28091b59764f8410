package dev.cordon.controller.registry;

/** A name that must be unique is taken. */
public final class AlreadyExistsException extends RuntimeException {
  public AlreadyExistsException(String what) {
    super(what + " already exists");
  }
}
