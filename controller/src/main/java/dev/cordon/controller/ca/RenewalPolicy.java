package dev.cordon.controller.ca;

import dev.cordon.controller.ca.RenewalDecision.Allowed;
import dev.cordon.controller.ca.RenewalDecision.Reason;
import dev.cordon.controller.ca.RenewalDecision.Refused;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;

/**
 * When a certificate may be renewed: never for a revoked, quarantined or unapproved identity
 * (forcing does not change that), and otherwise from 2/3 of its lifetime on, or earlier if forced
 * (an admin rotating keys, say). The caller has already verified the presented certificate.
 */
public final class RenewalPolicy {

  private RenewalPolicy() {}

  /** notBefore + 2/3 of (notAfter - notBefore): the agent renews here, leaving 1/3 for retries. */
  public static Instant renewableFrom(X509Certificate certificate) {
    Instant notBefore = certificate.getNotBefore().toInstant();
    Duration lifetime = Duration.between(notBefore, certificate.getNotAfter().toInstant());
    return notBefore.plus(lifetime.multipliedBy(2).dividedBy(3));
  }

  public static RenewalDecision decide(
      Instant now, X509Certificate current, IdentityStatus status, boolean forced) {
    switch (status) {
      case REVOKED -> {
        return new Refused(Reason.REVOKED, "the identity is revoked; it must enroll again");
      }
      case QUARANTINED -> {
        return new Refused(
            Reason.QUARANTINED, "the identity is quarantined; an admin must release it first");
      }
      case PENDING -> {
        return new Refused(Reason.NOT_APPROVED, "the identity still awaits an admin's approval");
      }
      case ACTIVE -> {}
    }
    Instant from = renewableFrom(current);
    if (!forced && now.isBefore(from)) {
      return new Refused(Reason.TOO_EARLY, "renewal opens at " + from + "; now " + now);
    }
    return new Allowed();
  }
}
