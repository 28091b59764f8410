package dev.cordon.client.connect;

import dev.cordon.client.cli.CliException;
import dev.cordon.client.cli.ExitCodes;
import dev.cordon.client.identity.CaFingerprintMismatchException;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.security.cert.CertificateException;

/**
 * The one place that turns a failed controller call into a message for a person and an exit code.
 * Each message names the controller and what the person was trying to do, and says what to try
 * next.
 */
public final class ControllerErrors {

  /** What grpc-java says for any transport failure. */
  private static final String GENERIC_IO = "io exception";

  private ControllerErrors() {}

  /**
   * Maps a failed call.
   *
   * @param failure what gRPC reported
   * @param controller the controller's address, as the person configured it
   * @param action what was attempted, as a verb phrase ("approve devices")
   */
  public static CliException map(StatusRuntimeException failure, String controller, String action) {
    Status status = failure.getStatus();
    String detail = status.getDescription() == null ? "" : status.getDescription();
    CaFingerprintMismatchException mismatch = find(failure, CaFingerprintMismatchException.class);
    if (mismatch != null) {
      return new CliException(
          ExitCodes.CA_MISMATCH,
          "refusing the controller at "
              + controller
              + ": "
              + mismatch.getMessage()
              + ". The token was made for another controller, or something intercepts the"
              + " connection; check the address or ask for a new token",
          failure);
    }
    CertificateException untrusted = find(failure, CertificateException.class);
    if (untrusted != null) {
      return new CliException(
          ExitCodes.CA_MISMATCH,
          "refusing the controller at " + controller + ": " + untrusted.getMessage(),
          failure);
    }
    return switch (status.getCode()) {
      case UNAVAILABLE ->
          new CliException(
              ExitCodes.UNREACHABLE,
              "cannot reach the controller at "
                  + controller
                  + ": "
                  + reason(failure, detail)
                  + "; is it running?",
              failure);
      case DEADLINE_EXCEEDED ->
          new CliException(
              ExitCodes.UNREACHABLE,
              "the controller at "
                  + controller
                  + " did not answer in time; is it reachable? (raise --timeout if it is slow)",
              failure);
      case UNAUTHENTICATED ->
          new CliException(
              ExitCodes.AUTH_FAILED,
              "the controller at "
                  + controller
                  + " did not accept your credential"
                  + suffix(detail)
                  + "; check --admin-credential",
              failure);
      case PERMISSION_DENIED ->
          new CliException(
              ExitCodes.PERMISSION_DENIED, "your role cannot " + action + suffix(detail), failure);
      case NOT_FOUND ->
          new CliException(ExitCodes.NOT_FOUND, detail.isEmpty() ? "not found" : detail, failure);
      case INVALID_ARGUMENT ->
          new CliException(
              ExitCodes.USAGE, "the controller refused the request: " + detail, failure);
      case ALREADY_EXISTS, FAILED_PRECONDITION, ABORTED ->
          new CliException(ExitCodes.CONFLICT, "cannot " + action + suffix(detail), failure);
      default ->
          new CliException(
              ExitCodes.FAILURE,
              "the controller failed to "
                  + action
                  + " ("
                  + status.getCode()
                  + (detail.isEmpty() ? "" : ": " + detail)
                  + ")",
              failure);
    };
  }

  private static String suffix(String detail) {
    return detail.isEmpty() ? "" : ": " + detail;
  }

  /**
   * The most specific words available. gRPC describes every transport failure as "io exception",
   * which tells a person nothing, so the socket's own cause comes first when there is one.
   */
  static String reason(Throwable failure, String detail) {
    Throwable root = failure;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage() == null ? "" : root.getMessage();
    if (root instanceof java.net.ConnectException && message.contains("refused")) {
      return "connection refused";
    }
    if (root instanceof java.net.NoRouteToHostException) {
      return "no route to host";
    }
    if (root instanceof java.net.UnknownHostException) {
      return "unknown host " + message;
    }
    if (!detail.isEmpty() && !detail.equalsIgnoreCase(GENERIC_IO)) {
      return detail;
    }
    return message.isEmpty() ? root.getClass().getSimpleName() : message;
  }

  private static <T extends Throwable> T find(Throwable failure, Class<T> type) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return null;
  }
}
