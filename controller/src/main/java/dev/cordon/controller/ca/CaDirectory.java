package dev.cordon.controller.ca;

import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.cert.X509Certificate;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/**
 * The CA's files: {@value #KEY} (PKCS#8 PEM, mode 0600 from the moment it exists), {@value
 * #ISSUING} and {@value #ROOT} (PEM). Certificates are written before the key, so a directory with
 * a key is a complete CA.
 */
final class CaDirectory {

  static final String KEY = "ca-key.pem";
  static final String ISSUING = "ca-cert.pem";
  static final String ROOT = "root-cert.pem";

  static final Set<PosixFilePermission> KEY_MODE = PosixFilePermissions.fromString("rw-------");
  private static final Set<PosixFilePermission> CERT_MODE =
      PosixFilePermissions.fromString("rw-r--r--");
  private static final Set<PosixFilePermission> DIR_MODE =
      PosixFilePermissions.fromString("rwx------");

  private final Path directory;

  CaDirectory(Path directory) {
    this.directory = directory;
  }

  Path keyFile() {
    return directory.resolve(KEY);
  }

  /** Which of the three files exist: none means "create", all means "load", else it is broken. */
  List<String> present() {
    return List.of(KEY, ISSUING, ROOT).stream()
        .filter(name -> Files.exists(directory.resolve(name)))
        .toList();
  }

  void write(X509Certificate issuing, X509Certificate root, PrivateKey key) {
    if (!present().isEmpty()) {
      throw new CaSetupException(
          directory + " already holds CA files " + present() + "; refusing to overwrite a CA");
    }
    try {
      Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(DIR_MODE));
      writeAtomically(ROOT, Pem.certificate(root), CERT_MODE);
      writeAtomically(ISSUING, Pem.certificate(issuing), CERT_MODE);
      writeAtomically(KEY, Pem.block("PRIVATE KEY", key.getEncoded()), KEY_MODE);
    } catch (IOException | UnsupportedOperationException e) {
      throw new CaSetupException(
          "cannot write the CA to " + directory + " (it must be a writable POSIX directory): " + e,
          e);
    }
  }

  X509Certificate readIssuing() {
    return readCertificate(ISSUING);
  }

  X509Certificate readRoot() {
    return readCertificate(ROOT);
  }

  PrivateKey readKey(Provider bc) {
    Path file = keyFile();
    try {
      Set<PosixFilePermission> mode = Files.getPosixFilePermissions(file);
      if (!KEY_MODE.containsAll(mode)) {
        throw new CaSetupException(
            file
                + " is accessible to group or others (mode "
                + PosixFilePermissions.toString(mode)
                + "); run chmod 600 on it");
      }
      return readPrivateKey(Files.readAllBytes(file), bc);
    } catch (IOException e) {
      throw new CaSetupException("cannot read " + file + ": " + e, e);
    }
  }

  /** Accepts PKCS#8 ({@code PRIVATE KEY}) and SEC1 ({@code EC PRIVATE KEY}), unencrypted. */
  static PrivateKey readPrivateKey(byte[] pem, Provider bc) {
    try (PEMParser parser =
        new PEMParser(new StringReader(new String(pem, StandardCharsets.US_ASCII)))) {
      Object object = parser.readObject();
      JcaPEMKeyConverter converter = new JcaPEMKeyConverter().setProvider(bc);
      return switch (object) {
        case PrivateKeyInfo info -> converter.getPrivateKey(info);
        case PEMKeyPair pair -> sec1(pair, converter);
        case PEMEncryptedKeyPair ignored -> throw encrypted();
        case PKCS8EncryptedPrivateKeyInfo ignored -> throw encrypted();
        case null -> throw new CaSetupException("no PEM private key found");
        default ->
            throw new CaSetupException(
                "expected a PEM private key, found " + object.getClass().getSimpleName());
      };
    } catch (IOException e) {
      // The message of a parse failure never contains key bytes, only the structure's complaint.
      throw new CaSetupException("the CA key is not a readable PEM private key: " + e.getMessage());
    }
  }

  /** SEC1 may omit the public key (convert only the private part) but must name its curve. */
  private static PrivateKey sec1(PEMKeyPair pair, JcaPEMKeyConverter converter) throws IOException {
    PrivateKeyInfo info = pair.getPrivateKeyInfo();
    if (info.getPrivateKeyAlgorithm().getParameters() == null) {
      throw new CaSetupException(
          "the EC PRIVATE KEY does not name its curve; export it as PKCS#8 (openssl pkcs8 -topk8"
              + " -nocrypt) or with its parameters");
    }
    return converter.getPrivateKey(info);
  }

  private static CaSetupException encrypted() {
    return new CaSetupException(
        "encrypted CA keys are not supported; decrypt it (the file is kept 0600 instead)");
  }

  private X509Certificate readCertificate(String name) {
    Path file = directory.resolve(name);
    try {
      return Pem.readCertificate(Files.readAllBytes(file));
    } catch (IOException | IllegalArgumentException e) {
      throw new CaSetupException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Creates a temporary file with its final mode in the same system call that creates it (no window
   * in which a 0644 key exists), writes and syncs it, then renames it into place.
   */
  private void writeAtomically(String name, String content, Set<PosixFilePermission> mode)
      throws IOException {
    Path target = directory.resolve(name);
    Path temporary = directory.resolve(name + ".tmp");
    Files.deleteIfExists(temporary);
    FileAttribute<Set<PosixFilePermission>> attribute = PosixFilePermissions.asFileAttribute(mode);
    try (FileChannel channel =
        FileChannel.open(
            temporary,
            EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
            attribute)) {
      ByteBuffer bytes = ByteBuffer.wrap(content.getBytes(StandardCharsets.US_ASCII));
      while (bytes.hasRemaining()) {
        channel.write(bytes);
      }
      channel.force(true);
    }
    if (Files.exists(target)) {
      Files.delete(temporary);
      throw new FileAlreadyExistsException(target.toString());
    }
    Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
  }
}
