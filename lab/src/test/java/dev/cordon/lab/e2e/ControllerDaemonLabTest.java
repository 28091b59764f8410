package dev.cordon.lab.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cordon.lab.Lab;
import dev.cordon.lab.LabTest;
import dev.cordon.lab.Namespace;
import dev.cordon.lab.system.Admin;
import dev.cordon.lab.system.ControllerProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** {@code cordon controller} on a fresh machine: no configuration, a data directory only. */
@LabTest
class ControllerDaemonLabTest {

  @Test
  void a_fresh_controller_prints_where_its_ca_and_owner_credential_are_and_that_credential_works(
      Lab lab) throws Exception {
    Namespace ns = lab.namespace("ctl");
    ns.connect(lab.bridge("lan"), lab.underlayCidr(0));
    Path data = lab.runDirectory().resolve("controller");
    var controller = ControllerProcess.start(ns, data, lab.underlay(0) + ":7443");

    assertEquals(data.resolve("ca"), controller.caDirectory());
    Path owner = controller.ownerCredential();
    assertEquals(data.resolve("owner-credential"), owner);
    assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(owner)));
    try (var files = Files.list(owner)) {
      for (Path f : files.toList()) {
        assertEquals(
            "rw-------",
            PosixFilePermissions.toString(Files.getPosixFilePermissions(f)),
            f.toString());
      }
    }
    assertEquals(controller.caFingerprint(), fingerprintOfCaIn(owner));

    // The directory is usable by the CLI exactly as written, the way the README says.
    var admin = new Admin(ns, controller.address(), owner);
    var list = admin.ok("device", "list");
    assertTrue(list.stdout().startsWith("ID"), list.stdout());

    // A second start on the same data directory loads the CA and writes no new owner.
    controller.kill();
    controller.restart();
    assertTrue(controller.process().output().contains("CA: loaded from " + data.resolve("ca")));
    assertTrue(
        controller.process().output().contains("owner credential: created at first start in "),
        controller.process().output());
  }

  /** SHA-256 of the issuing CA: the last of the credential's CA bundle (written root first). */
  private static String fingerprintOfCaIn(Path credential) throws Exception {
    String hex = null;
    try (var in = Files.newInputStream(credential.resolve("ca.crt"))) {
      for (var c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
        hex =
            HexFormat.of()
                .formatHex(
                    MessageDigest.getInstance("SHA-256")
                        .digest(((X509Certificate) c).getEncoded()));
      }
    }
    return hex;
  }
}
