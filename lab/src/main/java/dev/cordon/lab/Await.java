package dev.cordon.lab;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Waiting on conditions with a deadline, never on the clock alone: a fixed sleep is either too
 * short on a loaded 2-core machine or wastes time everywhere else.
 */
public final class Await {
  static final Duration FIRST_PAUSE = Duration.ofMillis(5);
  static final Duration LONGEST_PAUSE = Duration.ofMillis(200);

  private Await() {}

  /**
   * Polls {@code condition} with a short, growing pause until it holds; throws {@link TimedOut}
   * "timed out after Xs waiting for {@code what}" when the deadline passes first.
   */
  public static void until(String what, Duration deadline, BooleanSupplier condition) {
    long start = System.nanoTime();
    long end = start + deadline.toNanos();
    long pauseNanos = FIRST_PAUSE.toNanos();
    while (!condition.getAsBoolean()) {
      long now = System.nanoTime();
      if (now - end >= 0) {
        throw new TimedOut(what, deadline);
      }
      pause(Math.min(pauseNanos, end - now));
      pauseNanos = Math.min(pauseNanos * 2, LONGEST_PAUSE.toNanos());
    }
  }

  private static void pause(long nanos) {
    try {
      Thread.sleep(Duration.ofNanos(nanos));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting", e);
    }
  }

  /** A condition did not come true before its deadline. */
  public static final class TimedOut extends RuntimeException {
    private static final long serialVersionUID = 1L;

    TimedOut(String what, Duration deadline) {
      super("timed out after " + seconds(deadline) + "s waiting for " + what);
    }

    private static String seconds(Duration d) {
      long millis = d.toMillis();
      return millis % 1000 == 0
          ? Long.toString(millis / 1000)
          : String.format("%.1f", millis / 1e3);
    }
  }
}
