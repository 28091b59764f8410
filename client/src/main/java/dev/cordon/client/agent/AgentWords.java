package dev.cordon.client.agent;

import io.grpc.Status;
import java.time.Duration;
import java.util.Locale;

/** How the agent words statuses and waits in its log lines. */
final class AgentWords {

  private AgentWords() {}

  /**
   * "UNAVAILABLE: io exception (Connection refused: /127.0.0.1:1)": gRPC's words plus the cause.
   */
  static String describe(Status status) {
    StringBuilder text = new StringBuilder(status.getCode().toString());
    if (status.getDescription() != null) {
      text.append(": ").append(status.getDescription());
    }
    Throwable root = status.getCause();
    while (root != null && root.getCause() != null) {
      root = root.getCause();
    }
    if (root != null && root.getMessage() != null) {
      text.append(" (").append(root.getMessage()).append(')');
    }
    return text.toString();
  }

  static String seconds(Duration d) {
    long millis = d.toMillis();
    return millis < 10_000
        ? String.format(Locale.ROOT, "%.1fs", millis / 1000.0)
        : (millis / 1000) + "s";
  }
}
