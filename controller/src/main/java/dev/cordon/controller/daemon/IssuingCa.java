package dev.cordon.controller.daemon;

import dev.cordon.controller.ca.CaConfig;
import dev.cordon.controller.ca.CaSetupException;
import dev.cordon.controller.ca.CertificateAuthority;
import dev.cordon.controller.ca.ImportedCa;
import dev.cordon.controller.ca.Pem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * The controller's CA at start: loaded from the data directory when it holds one, else imported
 * from {@code --ca-import DIR} (an issuing CA under an offline root, the same DIR for every
 * controller on one etcd), else created. A data directory that already holds a CA other than the
 * one {@code --ca-import} names is refused rather than silently kept: two controllers issuing from
 * different CAs would split one fleet in two.
 */
final class IssuingCa {

  /** The CA and how it came to be, for the start-up line. */
  record Opened(CertificateAuthority ca, String how) {}

  private IssuingCa() {}

  static Opened open(CaConfig config, Optional<Path> importDir, Instant now) {
    Path caDir = config.directory();
    boolean present = Files.exists(caDir.resolve("ca-key.pem"));
    if (importDir.isEmpty()) {
      return new Opened(
          CertificateAuthority.createOrLoad(config, now),
          (present ? "loaded from " : "created in ") + caDir);
    }
    ImportedCa material = ImportedCa.fromDirectory(importDir.get());
    if (!present) {
      return new Opened(
          CertificateAuthority.importIssuing(config, material, now),
          "imported from " + importDir.get() + " into " + caDir);
    }
    CertificateAuthority loaded = CertificateAuthority.load(config);
    if (!loaded
        .issuingCertificate()
        .equals(Pem.readCertificate(material.issuingCertificatePem()))) {
      throw new CaSetupException(
          caDir
              + " already holds a different issuing CA than "
              + importDir.get()
              + "; every controller of one deployment must issue from the same CA (move "
              + caDir
              + " aside to re-import)");
    }
    return new Opened(
        loaded, "loaded from " + caDir + " (the one imported from " + importDir.get() + ")");
  }
}
