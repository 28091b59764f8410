package dev.cordon.gateway.sync;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Capped exponential backoff with full jitter: the n-th retry waits a uniform time in [0, min(cap,
 * base * 2^n)], so a fleet of gateways that lost one controller does not return in step.
 */
public final class Backoff {
  private final long baseMillis;
  private final long capMillis;
  private final RandomGenerator random;
  private int attempt;

  public Backoff(Duration base, Duration cap, RandomGenerator random) {
    if (base.isNegative() || base.isZero() || cap.compareTo(base) < 0) {
      throw new IllegalArgumentException("backoff needs 0 < base <= cap");
    }
    this.baseMillis = base.toMillis();
    this.capMillis = cap.toMillis();
    this.random = random;
  }

  /** The wait before the next attempt; each call doubles the ceiling up to the cap. */
  public synchronized long nextDelayMillis() {
    long ceiling = Math.min(capMillis, baseMillis << Math.min(attempt, 30));
    attempt++;
    return random.nextLong(ceiling + 1);
  }

  /** Call after a connection delivered something: the next failure starts from the base again. */
  public synchronized void reset() {
    attempt = 0;
  }
}
