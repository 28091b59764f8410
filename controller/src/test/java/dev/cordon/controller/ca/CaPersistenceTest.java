package dev.cordon.controller.ca;

import static dev.cordon.controller.ca.TestDevice.DOMAIN;
import static dev.cordon.controller.ca.TestDevice.NOW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CaPersistenceTest {

  @TempDir Path parent;

  private Path dir() {
    return parent.resolve("ca");
  }

  @Test
  void theCaKeyFileIsOwnerReadWriteOnlyAndTheCertificatesArePem() throws Exception {
    CertificateAuthority.create(CaConfig.of(dir(), DOMAIN), NOW);

    assertEquals(
        "rw-------",
        PosixFilePermissions.toString(Files.getPosixFilePermissions(dir().resolve("ca-key.pem"))));
    assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir())));
    assertTrue(Files.readString(dir().resolve("ca-key.pem")).startsWith("-----BEGIN PRIVATE KEY"));
    assertTrue(Files.readString(dir().resolve("ca-cert.pem")).startsWith("-----BEGIN CERTIFICATE"));
    assertTrue(
        Files.readString(dir().resolve("root-cert.pem")).startsWith("-----BEGIN CERTIFICATE"));
    try (var files = Files.list(dir())) {
      assertEquals(3, files.count(), "no temporary file is left behind");
    }
  }

  @Test
  void aSecondStartLoadsTheSameCaAndItStillIssues() {
    CertificateAuthority first = CertificateAuthority.createOrLoad(CaConfig.of(dir(), DOMAIN), NOW);
    CertificateAuthority second =
        CertificateAuthority.createOrLoad(CaConfig.of(dir(), DOMAIN), NOW.plusSeconds(3600));

    assertEquals(first.fingerprint(), second.fingerprint());
    X509Certificate cert =
        second.issue(
            NOW.plusSeconds(3600),
            Registration.device(Principal.device("d1", DOMAIN), TestDevice.wireGuardKey()),
            TestDevice.csr(TestDevice.p256()));
    assertTrue(
        first
            .verifier(new InMemoryRevocationList())
            .verify(NOW.plusSeconds(3600), cert)
            .isTrusted());
  }

  @Test
  void creatingOverAnExistingCaIsRefused() {
    CertificateAuthority.create(CaConfig.of(dir(), DOMAIN), NOW);

    CaSetupException e =
        assertThrows(
            CaSetupException.class,
            () -> CertificateAuthority.create(CaConfig.of(dir(), DOMAIN), NOW));

    assertTrue(e.getMessage().contains("refusing to overwrite"), e.getMessage());
  }

  @Test
  void aKeyFileOthersCanReadIsNotLoaded() throws Exception {
    CertificateAuthority.create(CaConfig.of(dir(), DOMAIN), NOW);
    Files.setPosixFilePermissions(
        dir().resolve("ca-key.pem"), PosixFilePermissions.fromString("rw-r--r--"));

    CaSetupException e =
        assertThrows(
            CaSetupException.class, () -> CertificateAuthority.load(CaConfig.of(dir(), DOMAIN)));

    assertTrue(e.getMessage().contains("chmod 600"), e.getMessage());
  }

  @Test
  void anIncompleteCaDirectoryIsNotLoadedNorOverwritten() throws Exception {
    CertificateAuthority.create(CaConfig.of(dir(), DOMAIN), NOW);
    Files.delete(dir().resolve("ca-cert.pem"));

    CaSetupException e =
        assertThrows(
            CaSetupException.class,
            () -> CertificateAuthority.createOrLoad(CaConfig.of(dir(), DOMAIN), NOW));

    assertTrue(e.getMessage().contains("not a complete CA"), e.getMessage());
    assertTrue(Files.exists(dir().resolve("ca-key.pem")), "the key is left alone");
  }

  @Test
  void aCaLoadedForAnotherTrustDomainIsRefused() {
    CertificateAuthority.create(CaConfig.of(dir(), DOMAIN), NOW);

    CaSetupException e =
        assertThrows(
            CaSetupException.class,
            () -> CertificateAuthority.load(CaConfig.of(dir(), "other.example")));

    assertTrue(e.getMessage().contains("serves trust domain cordon.local"), e.getMessage());
  }

  @Test
  void theSelfMadeCaIsAPathLengthZeroCaValidForTenYears() {
    CertificateAuthority ca = CertificateAuthority.create(CaConfig.of(dir(), DOMAIN), NOW);
    X509Certificate root = ca.trustAnchor();

    assertEquals(0, root.getBasicConstraints());
    assertTrue(root.getKeyUsage()[5], "keyCertSign");
    assertFalse(root.getKeyUsage()[0], "no digitalSignature: it signs certificates only");
    assertEquals(NOW.plus(CaCertificates.ROOT_LIFETIME), root.getNotAfter().toInstant());
    assertEquals(List.of(root), ca.bundle());
  }
}
