package dev.cordon.controller.ca;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Objects;
import java.util.Set;

/**
 * Material for a CA whose root stays offline: the issuing CA's certificate and private key (PEM,
 * PKCS#8 or SEC1, unencrypted) signed by the root, and the root's certificate as trust anchor.
 */
public record ImportedCa(
    byte[] issuingCertificatePem, byte[] issuingKeyPem, byte[] rootCertificatePem) {

  public ImportedCa {
    Objects.requireNonNull(issuingCertificatePem, "issuingCertificatePem");
    Objects.requireNonNull(issuingKeyPem, "issuingKeyPem");
    Objects.requireNonNull(rootCertificatePem, "rootCertificatePem");
  }

  /**
   * Reads the material from a directory laid out like the controller's own {@code ca/}: {@value
   * CaDirectory#ISSUING} (the issuing CA's certificate), {@value CaDirectory#KEY} (its key, mode
   * 0600) and {@value CaDirectory#ROOT} (the offline root's certificate). An operator prepares it
   * once and gives it to every controller of the deployment.
   *
   * @throws CaSetupException naming the file that is missing, unreadable or readable by others
   */
  public static ImportedCa fromDirectory(Path directory) {
    CaDirectory files = new CaDirectory(directory);
    return new ImportedCa(
        read(directory, CaDirectory.ISSUING, "the issuing CA's certificate"),
        readKey(files.keyFile()),
        read(directory, CaDirectory.ROOT, "the root CA's certificate"));
  }

  private static byte[] read(Path directory, String name, String what) {
    Path file = directory.resolve(name);
    if (!Files.isRegularFile(file)) {
      throw new CaSetupException(
          "cannot import a CA from " + directory + ": " + name + " (" + what + ") is missing");
    }
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new CaSetupException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  private static byte[] readKey(Path file) {
    byte[] pem = read(file.getParent(), file.getFileName().toString(), "the issuing CA's key");
    try {
      Set<PosixFilePermission> mode = Files.getPosixFilePermissions(file);
      if (!CaDirectory.KEY_MODE.containsAll(mode)) {
        throw new CaSetupException(
            file
                + " is accessible to group or others (mode "
                + PosixFilePermissions.toString(mode)
                + "); run chmod 600 on it before importing");
      }
    } catch (IOException e) {
      throw new CaSetupException("cannot read the mode of " + file + ": " + e.getMessage(), e);
    }
    return pem;
  }

  /** Never print key material, even by accident in a log line. */
  @Override
  public String toString() {
    return "ImportedCa[issuing certificate, issuing key (hidden), root certificate]";
  }
}
