package dev.cordon.controller.ca;

import static dev.cordon.controller.ca.TestDevice.DOMAIN;
import static dev.cordon.controller.ca.TestDevice.NOW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cordon.controller.ca.RenewalDecision.Reason;
import dev.cordon.controller.ca.RenewalDecision.Refused;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RenewalPolicyTest {

  @TempDir Path dir;
  private X509Certificate device;

  @BeforeEach
  void issueADevice() {
    CertificateAuthority ca = CertificateAuthority.create(CaConfig.of(dir, DOMAIN), NOW);
    device =
        ca.issue(
            NOW,
            Registration.device(Principal.device("cam-1", DOMAIN), TestDevice.wireGuardKey()),
            TestDevice.csr(TestDevice.p256()));
  }

  /** 24 h plus the 5 min backdate is 24 h 5 min of life; 2/3 of it is 16 h 3 min 20 s. */
  private static final Instant TWO_THIRDS =
      NOW.minus(Duration.ofMinutes(5)).plus(Duration.ofHours(16).plusMinutes(3).plusSeconds(20));

  @Test
  void aCertificateBecomesRenewableAtTwoThirdsOfItsLifetime() {
    assertEquals(TWO_THIRDS, RenewalPolicy.renewableFrom(device));
  }

  @Test
  void anActiveIdentityMayRenewFromTwoThirdsOnButNotASecondBefore() {
    Refused early =
        assertInstanceOf(
            Refused.class,
            RenewalPolicy.decide(TWO_THIRDS.minusSeconds(1), device, IdentityStatus.ACTIVE, false));

    assertEquals(Reason.TOO_EARLY, early.reason());
    assertTrue(early.detail().contains(TWO_THIRDS.toString()), early.detail());
    assertTrue(RenewalPolicy.decide(TWO_THIRDS, device, IdentityStatus.ACTIVE, false).isAllowed());
  }

  @Test
  void aForcedRenewalOfAnActiveIdentityIsAllowedEarly() {
    assertTrue(RenewalPolicy.decide(NOW, device, IdentityStatus.ACTIVE, true).isAllowed());
  }

  @Test
  void aRevokedIdentityIsRefusedEvenWhenForced() {
    Refused refused =
        assertInstanceOf(
            Refused.class, RenewalPolicy.decide(TWO_THIRDS, device, IdentityStatus.REVOKED, true));

    assertEquals(Reason.REVOKED, refused.reason());
  }

  @Test
  void aQuarantinedIdentityIsRefusedEvenWhenForced() {
    Refused refused =
        assertInstanceOf(
            Refused.class,
            RenewalPolicy.decide(TWO_THIRDS, device, IdentityStatus.QUARANTINED, true));

    assertEquals(Reason.QUARANTINED, refused.reason());
  }

  @Test
  void anIdentityAwaitingApprovalIsRefused() {
    Refused refused =
        assertInstanceOf(
            Refused.class, RenewalPolicy.decide(TWO_THIRDS, device, IdentityStatus.PENDING, false));

    assertEquals(Reason.NOT_APPROVED, refused.reason());
  }
}
