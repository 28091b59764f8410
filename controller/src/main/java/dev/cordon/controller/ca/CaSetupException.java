package dev.cordon.controller.ca;

/** The CA could not be created, loaded or imported; the message says what to fix. */
public final class CaSetupException extends RuntimeException {

  public CaSetupException(String message) {
    super(message);
  }

  public CaSetupException(String message, Throwable cause) {
    super(message, cause);
  }
}
