package dev.cordon.client.agent;

import java.time.Duration;
import java.time.Instant;

/**
 * When to renew a certificate: at 2/3 of its life, so that a renewal failing for a while still has
 * a third of the life to succeed in. After a failed attempt, retry after a tenth of what is left
 * (at least {@link #MIN_RETRY}, at most {@link #MAX_RETRY}), so retries get denser as expiry nears
 * without hammering the controller.
 */
public final class RenewalSchedule {

  static final Duration MIN_RETRY = Duration.ofSeconds(10);
  static final Duration MAX_RETRY = Duration.ofMinutes(15);

  private RenewalSchedule() {}

  /** The moment 2/3 into [notBefore, notAfter]. */
  public static Instant renewAt(Instant notBefore, Instant notAfter) {
    Duration life = Duration.between(notBefore, notAfter);
    if (life.isNegative()) {
      return notBefore;
    }
    return notBefore.plus(life.multipliedBy(2).dividedBy(3));
  }

  /** How long to wait from {@code now} before the first attempt; zero when already due. */
  public static Duration delay(Instant now, Instant notBefore, Instant notAfter) {
    Duration wait = Duration.between(now, renewAt(notBefore, notAfter));
    return wait.isNegative() ? Duration.ZERO : wait;
  }

  /** How long to wait after a failed attempt at {@code now}. */
  public static Duration retryDelay(Instant now, Instant notAfter) {
    Duration left = Duration.between(now, notAfter).dividedBy(10);
    if (left.compareTo(MIN_RETRY) < 0) {
      return MIN_RETRY;
    }
    return left.compareTo(MAX_RETRY) > 0 ? MAX_RETRY : left;
  }
}
