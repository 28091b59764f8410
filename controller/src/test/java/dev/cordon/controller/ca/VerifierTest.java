package dev.cordon.controller.ca;

import static dev.cordon.controller.ca.TestDevice.DOMAIN;
import static dev.cordon.controller.ca.TestDevice.NOW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cordon.controller.ca.Verification.Reason;
import dev.cordon.controller.ca.Verification.Refused;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VerifierTest {

  @TempDir Path dir;
  private CertificateAuthority ca;
  private Verifier verifier;
  private X509Certificate device;

  @BeforeEach
  void issueADevice() {
    // The CA predates the device, so time checks before the device's start concern the device.
    ca =
        CertificateAuthority.create(
            CaConfig.of(dir.resolve("ca"), DOMAIN), NOW.minus(Duration.ofDays(1)));
    verifier = ca.verifier(new InMemoryRevocationList());
    device =
        ca.issue(
            NOW,
            Registration.device(Principal.device("meter-9", DOMAIN), TestDevice.wireGuardKey()),
            TestDevice.csr(TestDevice.p256()));
  }

  private Refused refused(Verification verification) {
    return assertInstanceOf(Refused.class, verification);
  }

  @Test
  void aCertificateIsTrustedFromItsBackdatedStartToItsEndInclusive() {
    assertTrue(verifier.verify(NOW.minus(Duration.ofMinutes(5)), device).isTrusted());
    assertTrue(verifier.verify(NOW.plus(Duration.ofHours(24)), device).isTrusted());
  }

  @Test
  void aCertificateCheckedAfterItsEndIsRefusedAsExpiredWithItsWindow() {
    Refused refused =
        refused(verifier.verify(NOW.plus(Duration.ofHours(24)).plusSeconds(1), device));

    assertEquals(Reason.EXPIRED, refused.reason());
    assertTrue(refused.detail().contains("to 2025-06-02T12:00:00Z"), refused.detail());
  }

  @Test
  void aCertificateCheckedBeforeItsStartIsRefusedAsNotYetValid() {
    Refused refused = refused(verifier.verify(NOW.minus(Duration.ofMinutes(6)), device));

    assertEquals(Reason.NOT_YET_VALID, refused.reason());
    assertTrue(refused.detail().contains("2025-06-01T11:55:00Z"), refused.detail());
  }

  @Test
  void aCertificateFromAnotherCaWithTheSameNameFailsItsSignatureCheck() {
    CertificateAuthority impostor =
        CertificateAuthority.create(CaConfig.of(dir.resolve("impostor"), DOMAIN), NOW);
    X509Certificate forged =
        impostor.issue(
            NOW,
            Registration.device(Principal.device("meter-9", DOMAIN), TestDevice.wireGuardKey()),
            TestDevice.csr(TestDevice.p256()));

    assertEquals(Reason.BAD_SIGNATURE, refused(verifier.verify(NOW, forged)).reason());
  }

  @Test
  void anIntermediatePresentedByThePeerIsIgnoredInFavourOfOurOwn() {
    CertificateAuthority impostor =
        CertificateAuthority.create(CaConfig.of(dir.resolve("impostor"), DOMAIN), NOW);
    X509Certificate forged =
        impostor.issue(
            NOW,
            Registration.device(Principal.device("meter-9", DOMAIN), TestDevice.wireGuardKey()),
            TestDevice.csr(TestDevice.p256()));

    Refused refused = refused(verifier.verify(NOW, List.of(forged, impostor.issuingCertificate())));

    assertEquals(Reason.BAD_SIGNATURE, refused.reason());
  }

  @Test
  void anEmptyChainAndACaCertificateAsLeafAreRefused() {
    assertEquals(Reason.EMPTY_CHAIN, refused(verifier.verify(NOW, List.of())).reason());
    assertEquals(
        Reason.NOT_AN_END_ENTITY, refused(verifier.verify(NOW, ca.trustAnchor())).reason());
  }

  @Test
  void anAdminIsTrustedWithoutAWireGuardKey() {
    X509Certificate admin =
        ca.issue(
            NOW,
            Registration.admin(Principal.admin("alice", DOMAIN)),
            TestDevice.csr(TestDevice.generate("Ed25519", 0)));

    Verification.Trusted trusted =
        assertInstanceOf(Verification.Trusted.class, verifier.verify(NOW, admin));

    assertEquals(Principal.admin("alice", DOMAIN), trusted.principal());
    assertEquals(Optional.empty(), trusted.wireGuardKey());
  }

  @Test
  void aVerifierForAnotherTrustDomainRefusesOurCertificates() {
    Verifier foreign =
        Verifier.of(
            "other.example",
            ca.issuingCertificate(),
            ca.trustAnchor(),
            new InMemoryRevocationList(),
            EcdsaProviders.current().verifying());

    assertEquals(Reason.FOREIGN_TRUST_DOMAIN, refused(foreign.verify(NOW, device)).reason());
  }

  @Test
  void aCertificateWhoseIssuingCaHasLapsedIsRefused() {
    Refused refused = refused(verifier.verify(NOW.plus(CaCertificates.ROOT_LIFETIME), device));

    // The leaf lapsed long before; the CA is checked first so the operator sees the bigger problem.
    assertEquals(Reason.ISSUER_NOT_VALID, refused.reason());
  }
}
