package dev.cordon.controller.ca;

import static dev.cordon.controller.ca.TestDevice.DOMAIN;
import static dev.cordon.controller.ca.TestDevice.NOW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImportTest {

  @TempDir Path dir;
  private final OfflineRoot root = new OfflineRoot(NOW);
  private final KeyPair issuingKeys = TestDevice.p256();

  private ImportedCa material(X509Certificate issuing, byte[] keyPem) {
    return new ImportedCa(OfflineRoot.pem(issuing), keyPem, OfflineRoot.pem(root.certificate));
  }

  private CertificateAuthority importCa() {
    return CertificateAuthority.importIssuing(
        CaConfig.of(dir, DOMAIN),
        material(root.issue(issuingKeys, NOW, true), OfflineRoot.sec1Pem(issuingKeys.getPrivate())),
        NOW);
  }

  @Test
  void anIssuingCaSignedByAnOfflineRootIssuesCertificatesThatChainToThatRoot() throws Exception {
    CertificateAuthority ca = importCa();

    assertEquals(CaFingerprint.of(root.certificate), ca.fingerprint(), "tokens pin the root");
    assertEquals(root.certificate, ca.trustAnchor());
    assertEquals(List.of(ca.issuingCertificate(), root.certificate), ca.bundle());
    X509Certificate cert =
        ca.issue(
            NOW,
            Registration.device(Principal.device("pump-3", DOMAIN), TestDevice.wireGuardKey()),
            TestDevice.csr(TestDevice.p256()));
    cert.verify(issuingKeys.getPublic());
    Verification.Trusted trusted =
        assertInstanceOf(
            Verification.Trusted.class,
            ca.verifier(new InMemoryRevocationList()).verify(NOW, cert));
    assertEquals(Principal.device("pump-3", DOMAIN), trusted.principal());
  }

  @Test
  void anImportedCaIsPersistedWithAPrivateKeyFileAndReloads() throws Exception {
    CertificateAuthority imported = importCa();

    assertEquals(
        "rw-------",
        PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("ca-key.pem"))));
    CertificateAuthority loaded = CertificateAuthority.load(CaConfig.of(dir, DOMAIN));
    assertEquals(imported.fingerprint(), loaded.fingerprint());
    assertEquals(imported.issuingCertificate(), loaded.issuingCertificate());
  }

  @Test
  void anIssuingCaNotSignedByTheGivenRootIsRefused() {
    OfflineRoot stranger = new OfflineRoot(NOW);

    CaSetupException e =
        assertThrows(
            CaSetupException.class,
            () ->
                CertificateAuthority.importIssuing(
                    CaConfig.of(dir, DOMAIN),
                    material(
                        stranger.issue(issuingKeys, NOW, true),
                        Pem.block("PRIVATE KEY", issuingKeys.getPrivate().getEncoded())
                            .getBytes(StandardCharsets.US_ASCII)),
                    NOW));

    assertTrue(e.getMessage().contains("does not verify under the root"), e.getMessage());
    assertTrue(Files.notExists(dir.resolve("ca-key.pem")), "nothing is written");
  }

  @Test
  void aKeyThatDoesNotBelongToTheIssuingCertificateIsRefused() {
    CaSetupException e =
        assertThrows(
            CaSetupException.class,
            () ->
                CertificateAuthority.importIssuing(
                    CaConfig.of(dir, DOMAIN),
                    material(
                        root.issue(issuingKeys, NOW, true),
                        OfflineRoot.sec1Pem(TestDevice.p256().getPrivate())),
                    NOW));

    assertTrue(e.getMessage().contains("does not belong"), e.getMessage());
  }

  @Test
  void anIssuingCertificateThatIsNotACaIsRefused() {
    CaSetupException e =
        assertThrows(
            CaSetupException.class,
            () ->
                CertificateAuthority.importIssuing(
                    CaConfig.of(dir, DOMAIN),
                    material(
                        root.issue(issuingKeys, NOW, false),
                        OfflineRoot.sec1Pem(issuingKeys.getPrivate())),
                    NOW));

    assertTrue(e.getMessage().contains("not a CA"), e.getMessage());
  }

  @Test
  void anIssuingCaThatHasExpiredIsRefused() {
    CaSetupException e =
        assertThrows(
            CaSetupException.class,
            () ->
                CertificateAuthority.importIssuing(
                    CaConfig.of(dir, DOMAIN),
                    material(
                        root.issue(issuingKeys, NOW, true),
                        OfflineRoot.sec1Pem(issuingKeys.getPrivate())),
                    NOW.plus(java.time.Duration.ofDays(1826))));

    assertTrue(e.getMessage().contains("not at"), e.getMessage());
  }

  @Test
  void aCertificateFromTheRootItselfIsNotTrustedAsIfTheControllerIssuedIt() {
    CertificateAuthority ca = importCa();
    X509Certificate byRoot =
        OfflineRoot.sign(
            OfflineRoot.ROOT_NAME,
            new org.bouncycastle.asn1.x500.X500Name("CN=sneaky"),
            TestDevice.p256(),
            root.keys.getPrivate(),
            NOW,
            java.time.Duration.ofHours(1),
            false);

    Verification.Refused refused =
        assertInstanceOf(
            Verification.Refused.class,
            ca.verifier(new InMemoryRevocationList()).verify(NOW, byRoot));

    assertEquals(Verification.Reason.UNKNOWN_ISSUER, refused.reason());
  }
}
