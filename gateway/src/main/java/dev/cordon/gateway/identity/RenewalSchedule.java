package dev.cordon.gateway.identity;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;

/**
 * When to renew: at 2/3 of the certificate's life (the controller opens renewal exactly there), so
 * that a controller out of reach for a while still leaves a third of the life for retries. A failed
 * attempt is retried after the backoff's delay, but never later than a quarter of what is left, so
 * retries get denser as expiry nears.
 */
public final class RenewalSchedule {
  static final Duration MIN_RETRY = Duration.ofSeconds(1);

  private RenewalSchedule() {}

  public static Instant renewAt(X509Certificate leaf) {
    Instant notBefore = leaf.getNotBefore().toInstant();
    Duration life = Duration.between(notBefore, leaf.getNotAfter().toInstant());
    return notBefore.plus(life.multipliedBy(2).dividedBy(3));
  }

  /**
   * For a certificate just received at {@code receivedAt}: 2/3 into the part of its life that is
   * still ahead. The controller backdates the start of a certificate (for clocks running late), so
   * with a short lifetime 2/3 of the whole validity can lie in the past already, and renewing there
   * would renew again at once, for ever.
   */
  public static Instant renewAt(Instant receivedAt, X509Certificate leaf) {
    Instant notBefore = leaf.getNotBefore().toInstant();
    Instant from = receivedAt.isAfter(notBefore) ? receivedAt : notBefore;
    Duration ahead = Duration.between(from, leaf.getNotAfter().toInstant());
    if (ahead.compareTo(MIN_RETRY) < 0) return from.plus(MIN_RETRY);
    return from.plus(ahead.multipliedBy(2).dividedBy(3));
  }

  /** The wait after a failed attempt at {@code now}, given the backoff's suggestion. */
  public static Duration retryAfter(Instant now, X509Certificate leaf, Duration backoff) {
    Duration quarterLeft = Duration.between(now, leaf.getNotAfter().toInstant()).dividedBy(4);
    Duration wait = backoff.compareTo(quarterLeft) < 0 ? backoff : quarterLeft;
    return wait.compareTo(MIN_RETRY) < 0 ? MIN_RETRY : wait;
  }
}
