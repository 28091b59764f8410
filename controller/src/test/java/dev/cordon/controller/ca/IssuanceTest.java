package dev.cordon.controller.ca;

import static dev.cordon.controller.ca.TestDevice.DOMAIN;
import static dev.cordon.controller.ca.TestDevice.NOW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IssuanceTest {

  private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
  private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";

  @TempDir Path dir;
  private CertificateAuthority ca;

  @BeforeEach
  void createCa() {
    ca = CertificateAuthority.create(CaConfig.of(dir, DOMAIN), NOW);
  }

  @Test
  void aDeviceCertificateFromAValidCsrNamesTheDeviceAndBindsItsWireGuardKey() throws Exception {
    KeyPair deviceKeys = TestDevice.p256();
    WireGuardPublicKey wg = TestDevice.wireGuardKey();
    Principal device = Principal.device("cam-0042", DOMAIN);

    X509Certificate cert =
        ca.issue(NOW, Registration.device(device, wg), TestDevice.csr(deviceKeys));

    assertEquals(
        List.of(List.of(6, "spiffe://cordon.local/device/cam-0042")),
        cert.getSubjectAlternativeNames().stream().map(List::copyOf).toList());
    assertEquals("CN=cam-0042,OU=device,O=cordon.local", cert.getSubjectX500Principal().getName());
    assertEquals(List.of(CLIENT_AUTH), cert.getExtendedKeyUsage());
    assertTrue(cert.getKeyUsage()[0], "digitalSignature");
    assertEquals(-1, cert.getBasicConstraints(), "a device certificate is not a CA");
    assertEquals(NOW.minus(Duration.ofMinutes(5)), cert.getNotBefore().toInstant());
    assertEquals(NOW.plus(Duration.ofHours(24)), cert.getNotAfter().toInstant());
    assertEquals(deviceKeys.getPublic(), cert.getPublicKey());
    assertEquals(Optional.of(wg), WireGuardKeyExtension.read(cert));
    assertFalse(
        cert.getCriticalExtensionOIDs().contains(WireGuardKeyExtension.OID.getId()),
        "the WireGuard binding is non-critical");
    cert.verify(ca.issuingCertificate().getPublicKey());

    Verification result = ca.verifier(new InMemoryRevocationList()).verify(NOW, cert);
    Verification.Trusted trusted = assertInstanceOf(Verification.Trusted.class, result);
    assertEquals(device, trusted.principal());
    assertEquals(Optional.of(wg), trusted.wireGuardKey());
  }

  @Test
  void serialsAreRandomPositiveAndAtMost128Bits() {
    KeyPair keys = TestDevice.p256();
    Registration registration =
        Registration.device(Principal.device("d1", DOMAIN), TestDevice.wireGuardKey());
    X509Certificate first = ca.issue(NOW, registration, TestDevice.csr(keys));
    X509Certificate second = ca.issue(NOW, registration, TestDevice.csr(keys));

    assertNotEquals(first.getSerialNumber(), second.getSerialNumber());
    assertTrue(first.getSerialNumber().signum() > 0);
    assertTrue(first.getSerialNumber().bitLength() <= 128);
  }

  @Test
  void anEd25519DeviceKeyAndAPemCsrAreAccepted() {
    KeyPair keys = TestDevice.generate("Ed25519", 0);
    byte[] pem = TestDevice.pem(TestDevice.csr(keys)).getBytes(StandardCharsets.US_ASCII);

    X509Certificate cert =
        ca.issue(
            NOW,
            Registration.device(Principal.device("d2", DOMAIN), TestDevice.wireGuardKey()),
            pem);

    assertEquals(keys.getPublic(), cert.getPublicKey());
  }

  @Test
  void aGatewayCertificateIsForClientAuthAndBindsTheGatewayKey() throws Exception {
    WireGuardPublicKey wg = TestDevice.wireGuardKey();
    X509Certificate cert =
        ca.issue(
            NOW,
            Registration.gateway(Principal.gateway("edge-hq", DOMAIN), wg),
            TestDevice.csr(TestDevice.p256()));

    assertEquals(List.of(CLIENT_AUTH), cert.getExtendedKeyUsage());
    assertEquals(Optional.of(wg), WireGuardKeyExtension.read(cert));
    assertEquals(
        "spiffe://cordon.local/gateway/edge-hq",
        cert.getSubjectAlternativeNames().iterator().next().get(1));
  }

  @Test
  void aControllerCertificateServesTlsUnderItsDnsAndIpNames() throws Exception {
    Registration controller =
        Registration.controller(
            Principal.controller("ctl-1", DOMAIN),
            List.of("Controller.Example.test"),
            List.of(InetAddress.getByName("192.0.2.10")));

    X509Certificate cert = ca.issue(NOW, controller, TestDevice.csr(TestDevice.p256()));

    assertEquals(List.of(SERVER_AUTH), cert.getExtendedKeyUsage());
    assertEquals(
        List.of(
            List.of(6, "spiffe://cordon.local/controller/ctl-1"),
            List.of(2, "controller.example.test"),
            List.of(7, "192.0.2.10")),
        cert.getSubjectAlternativeNames().stream().map(List::copyOf).toList());
    assertEquals(NOW.plus(Duration.ofDays(30)), cert.getNotAfter().toInstant());
    assertTrue(WireGuardKeyExtension.read(cert).isEmpty());
  }

  @Test
  void theDeviceLifetimeIsConfigurable() {
    CertificateAuthority shortLived =
        CertificateAuthority.create(
            CaConfig.of(dir.resolve("short"), DOMAIN)
                .withOptions(
                    IssuanceOptions.DEFAULT
                        .withLifetime(PrincipalKind.DEVICE, Duration.ofHours(1))
                        .withBackdate(Duration.ofSeconds(30))),
            NOW);

    X509Certificate cert =
        shortLived.issue(
            NOW,
            Registration.device(Principal.device("d3", DOMAIN), TestDevice.wireGuardKey()),
            TestDevice.csr(TestDevice.p256()));

    assertEquals(NOW.minusSeconds(30), cert.getNotBefore().toInstant());
    assertEquals(NOW.plus(Duration.ofHours(1)), cert.getNotAfter().toInstant());
  }

  @Test
  void aShortLivedCertificateIsBackdatedByATenthOfItsLifeAtMostSoItIsNotBornRenewable() {
    CertificateAuthority oneMinute =
        CertificateAuthority.create(
            CaConfig.of(dir.resolve("minute"), DOMAIN)
                .withOptions(
                    IssuanceOptions.DEFAULT.withLifetime(
                        PrincipalKind.DEVICE, Duration.ofMinutes(1))),
            NOW);

    X509Certificate cert =
        oneMinute.issue(
            NOW,
            Registration.device(Principal.device("d4", DOMAIN), TestDevice.wireGuardKey()),
            TestDevice.csr(TestDevice.p256()));

    assertEquals(NOW.minusSeconds(6), cert.getNotBefore().toInstant(), "5 min capped at 6 s");
    assertTrue(
        RenewalPolicy.renewableFrom(cert).isAfter(NOW), "renewable only after it was issued");
  }

  @Test
  void aRegistrationInAnotherTrustDomainIsRefused() {
    IssuanceRefused refused =
        assertThrows(
            IssuanceRefused.class,
            () ->
                ca.issue(
                    NOW,
                    Registration.device(
                        Principal.device("d4", "other.example"), TestDevice.wireGuardKey()),
                    TestDevice.csr(TestDevice.p256())));

    assertEquals(IssuanceRefused.Reason.FOREIGN_TRUST_DOMAIN, refused.reason());
    assertTrue(refused.getMessage().contains("cordon.local"), refused.getMessage());
  }

  @Test
  void theCaFingerprintIsTheSha256OfTheRootDer() throws Exception {
    byte[] digest = MessageDigest.getInstance("SHA-256").digest(ca.trustAnchor().getEncoded());

    assertEquals(HexFormat.of().formatHex(digest), ca.fingerprint().hex());
    assertTrue(ca.fingerprint().matches(ca.trustAnchor()));
    assertEquals(List.of(ca.trustAnchor()), ca.bundle(), "a self-made CA is its own bundle");
  }

  @Test
  void aDeviceRegistrationWithoutAWireGuardKeyIsRejectedBeforeIssuing() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new Registration(
                    Principal.device("d5", DOMAIN), Optional.empty(), List.of(), List.of()));

    assertTrue(e.getMessage().contains("WireGuard"), e.getMessage());
  }
}
