package dev.cordon.lab.e2e;

import dev.cordon.lab.Await;
import dev.cordon.lab.LabProcess;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How far a device's echo stream ({@code StockDevice.stream}) has got, read from the "echoed=N"
 * progress lines it prints: the e2e tests use it to tell a transfer that keeps flowing from one
 * that stalled or was cut.
 */
final class EchoProgress {
  private static final Pattern ECHOED = Pattern.compile("echoed=(\\d+)");
  private static final Duration DEADLINE = Duration.ofSeconds(30);

  private EchoProgress() {}

  /** The bytes echoed so far: the stream's latest report, 0 before its first. */
  static long echoed(LabProcess stream) {
    long seen = 0;
    Matcher m = ECHOED.matcher(stream.output());
    while (m.find()) {
      seen = Long.parseLong(m.group(1));
    }
    return seen;
  }

  /**
   * Waits up to 30 s until the stream reports at least {@code bytes} echoed and returns what it
   * reported; fails at once, with the stream's output, if it exits short of that.
   */
  static long awaitAtLeast(LabProcess stream, long bytes) {
    long[] seen = {0};
    Await.until(
        stream.name() + " to echo " + bytes + " bytes",
        DEADLINE,
        () -> {
          seen[0] = echoed(stream);
          if (!stream.isAlive() && seen[0] < bytes) {
            throw new AssertionError("the transfer ended early:\n" + stream.output());
          }
          return seen[0] >= bytes;
        });
    return seen[0];
  }
}
