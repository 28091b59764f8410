package dev.cordon.controller.ca;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cordon.controller.daemon.ControllerRuntime;
import dev.cordon.controller.daemon.ControllerSettings;
import dev.cordon.controller.ipam.AddressPool;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cordon controller --ca-import DIR}: controllers given one issuing CA (root offline) issue
 * certificates every one of them trusts.
 */
class ControllerCaImportTest {

  @TempDir Path dir;
  private final Instant now = Instant.now();
  private final OfflineRoot root = new OfflineRoot(now);
  private final KeyPair issuingKeys = TestDevice.p256();
  private Path material;

  @BeforeEach
  void theOperatorPreparesTheIssuingCaOnce() throws Exception {
    material = Files.createDirectory(dir.resolve("issuing"));
    Files.write(
        material.resolve("ca-cert.pem"), OfflineRoot.pem(root.issue(issuingKeys, now, true)));
    Files.write(material.resolve("root-cert.pem"), OfflineRoot.pem(root.certificate));
    Path key = material.resolve("ca-key.pem");
    Files.write(key, OfflineRoot.sec1Pem(issuingKeys.getPrivate()));
    Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
  }

  private ControllerSettings settings(String name, Optional<Path> caImport) {
    return new ControllerSettings(
        name,
        new InetSocketAddress("127.0.0.1", 0),
        dir.resolve(name),
        "cordon.local",
        "sqlite",
        "127.0.0.1:7443",
        AddressPool.DEFAULT,
        Optional.empty(),
        List.of(),
        IssuanceOptions.DEFAULT,
        Optional.empty(),
        caImport);
  }

  /** Starts and stops a controller; returns what it printed. */
  private String run(String name, Optional<Path> caImport) {
    StringWriter out = new StringWriter();
    try (ControllerRuntime runtime =
        ControllerRuntime.start(
            settings(name, caImport), Clock.systemUTC(), new PrintWriter(out))) {
      assertTrue(runtime.port() > 0);
    }
    return out.toString();
  }

  private X509Certificate owner(String controller) throws Exception {
    return Pem.readCertificate(
        Files.readAllBytes(dir.resolve(controller).resolve("owner-credential/admin.crt")));
  }

  @Test
  void twoControllersImportingOneCaTrustEachOthersCertificatesAndPinTheOfflineRoot()
      throws Exception {
    String a = run("a", Optional.of(material));
    String b = run("b", Optional.of(material));

    String fingerprint = CaFingerprint.of(root.certificate).hex();
    assertTrue(a.contains("CA: imported from " + material), a);
    assertTrue(a.contains("(fingerprint " + fingerprint + ")"), a);
    assertTrue(b.contains("(fingerprint " + fingerprint + ")"), b);
    CertificateAuthority atB =
        CertificateAuthority.load(CaConfig.of(dir.resolve("b").resolve("ca"), "cordon.local"));
    assertInstanceOf(
        Verification.Trusted.class,
        atB.verifier(new InMemoryRevocationList()).verify(Instant.now(), owner("a")),
        "a certificate issued through controller a verifies at controller b");
    assertEquals(
        "rw-------",
        PosixFilePermissions.toString(
            Files.getPosixFilePermissions(dir.resolve("a").resolve("ca/ca-key.pem"))));
  }

  @Test
  void aRestartWithTheSameImportLoadsTheCaItImportedBefore() {
    run("a", Optional.of(material));

    String again = run("a", Optional.of(material));

    assertTrue(again.contains("CA: loaded from "), again);
    assertTrue(again.contains("(the one imported from " + material + ")"), again);
  }

  @Test
  void aDataDirectoryHoldingAnotherCaIsRefusedNotSilentlyKept() {
    run("a", Optional.empty());

    CaSetupException refused =
        assertThrows(CaSetupException.class, () -> run("a", Optional.of(material)));

    assertTrue(refused.getMessage().contains("already holds a different issuing CA"));
    assertTrue(refused.getMessage().contains("must issue from the same CA"));
  }

  @Test
  void anImportKeyReadableByOthersOrAMissingFileIsNamed() throws Exception {
    Files.setPosixFilePermissions(
        material.resolve("ca-key.pem"), PosixFilePermissions.fromString("rw-r--r--"));
    CaSetupException open =
        assertThrows(CaSetupException.class, () -> run("a", Optional.of(material)));
    assertTrue(open.getMessage().contains("run chmod 600"), open.getMessage());

    Files.setPosixFilePermissions(
        material.resolve("ca-key.pem"), PosixFilePermissions.fromString("rw-------"));
    Files.delete(material.resolve("root-cert.pem"));
    CaSetupException missing =
        assertThrows(CaSetupException.class, () -> run("b", Optional.of(material)));
    assertTrue(
        missing.getMessage().contains("root-cert.pem (the root CA's certificate) is missing"),
        missing.getMessage());
  }
}
