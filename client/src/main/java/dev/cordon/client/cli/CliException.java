package dev.cordon.client.cli;

/**
 * A failure a person should read: the message says what happened and what to do, and the exit code
 * says which of {@link ExitCodes} it is. Thrown anywhere below a command and turned into output in
 * exactly one place, {@link CordonCommand#call()}.
 */
public final class CliException extends RuntimeException {

  private final int exitCode;

  public CliException(int exitCode, String message) {
    super(message);
    this.exitCode = exitCode;
  }

  public CliException(int exitCode, String message, Throwable cause) {
    super(message, cause);
    this.exitCode = exitCode;
  }

  /** One of {@link ExitCodes}. */
  public int exitCode() {
    return exitCode;
  }
}
