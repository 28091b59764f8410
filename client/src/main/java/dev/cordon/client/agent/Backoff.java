package dev.cordon.client.agent;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Reconnect delays: exponential from {@code initial} up to {@code max}, each drawn uniformly from
 * its upper half ("equal jitter"), so a fleet that lost the controller together does not come back
 * in lockstep, while no device waits less than half the step. {@link #reset()} after a stream
 * delivered a table.
 */
public final class Backoff {

  private final Duration initial;
  private final Duration max;
  private final DoubleSupplier random;
  private int failures;

  /**
   * @param random uniform in [0, 1)
   */
  public Backoff(Duration initial, Duration max, DoubleSupplier random) {
    if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
      throw new IllegalArgumentException("need 0 < initial <= max");
    }
    this.initial = initial;
    this.max = max;
    this.random = random;
  }

  /** The delay before the next attempt; each call counts one more failure. */
  public Duration next() {
    long ceiling = initial.toMillis() << Math.min(failures, 30);
    ceiling = Math.min(ceiling, max.toMillis());
    failures++;
    long half = ceiling / 2;
    return Duration.ofMillis(half + (long) (random.getAsDouble() * (ceiling - half)));
  }

  public void reset() {
    failures = 0;
  }

  public int failures() {
    return failures;
  }
}
