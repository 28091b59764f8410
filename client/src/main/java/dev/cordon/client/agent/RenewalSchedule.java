package dev.cordon.client.agent;

import java.time.Duration;
import java.time.Instant;

/**
 * When to renew a certificate: at 2/3 of its life, so that a renewal failing for a while still has
 * a third of the life to succeed in. After a failed attempt, retry after a tenth of what is left
 * (at least {@link #MIN_RETRY}, at most {@link #MAX_RETRY}), so retries get denser as expiry nears
 * without hammering the controller.
 *
 * <p>A certificate just received is measured from the moment it arrived, not from its notBefore:
 * the controller backdates notBefore for clock skew, and with a short lifetime (a lab's {@code
 * device=1m} under a 5 min backdate) 2/3 of the stated life is already past on arrival, which would
 * renew in a loop.
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

  /**
   * How long to wait before renewing a certificate received at {@code now}: 2/3 of the life left,
   * never sooner than the stated 2/3 point (the controller refuses earlier renewals).
   */
  public static Duration delayAfterRenewal(Instant now, Instant notBefore, Instant notAfter) {
    Duration usable = delay(now, now.isAfter(notBefore) ? now : notBefore, notAfter);
    Duration stated = delay(now, notBefore, notAfter);
    return usable.compareTo(stated) > 0 ? usable : stated;
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
