package dev.cordon.lab;

/** Something the lab was asked to do did not happen; the message carries the commands' output. */
public final class LabException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public LabException(String message) {
    super(message);
  }

  public LabException(String message, Throwable cause) {
    super(message, cause);
  }
}
