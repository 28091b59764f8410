package dev.cordon.controller.store;

/**
 * A store operation failed. The message says what was attempted and, where it matters, whether the
 * outcome is known: a transaction that timed out may or may not have been applied.
 */
public class StoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public StoreException(String message) {
    super(message);
  }

  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
