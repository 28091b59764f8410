package dev.cordon.client.identity;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Properties;

/**
 * A device's state directory (default {@code /var/lib/cordon}), created 0700:
 *
 * <pre>
 * wireguard.key        0600  the WireGuard private key, base64 as wg(8) writes it
 * device.key           0600  the certificate key, PKCS#8 PEM (ECDSA P-256)
 * device.crt           0644  the certificate chain, PEM, leaf first
 * ca.crt               0644  the CA bundle to trust, PEM, root first
 * identity.properties  0644  device id, SPIFFE id, overlay address, controller, trust domain
 * </pre>
 *
 * Every file is replaced atomically ({@link AtomicFiles}), private ones created 0600. A new
 * enrollment replaces every file, so re-enrolling with a new token rotates both keys; {@code
 * identity.properties} is written last and marks the enrollment complete.
 */
public final class StateDirectory {

  /** Where the agent keeps its state unless told otherwise. */
  public static final Path DEFAULT = Path.of("/var/lib/cordon");

  public static final String WIREGUARD_KEY = "wireguard.key";
  public static final String CERTIFICATE_KEY = "device.key";
  public static final String CERTIFICATE = "device.crt";
  public static final String CA_BUNDLE = "ca.crt";
  public static final String IDENTITY = "identity.properties";

  private final Path directory;

  private StateDirectory(Path directory) {
    this.directory = directory;
  }

  /** Opens the directory, creating it (0700) and its parents if missing. */
  public static StateDirectory create(Path directory) throws IOException {
    if (!Files.isDirectory(directory)) {
      Files.createDirectories(
          directory,
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    }
    return new StateDirectory(directory);
  }

  /** Opens a directory that must hold a complete enrollment. */
  public static StateDirectory existing(Path directory)
      throws NoSuchFileException, AccessDeniedException {
    // A directory we may not enter hides its files: say so rather than "not enrolled".
    if (Files.isDirectory(directory) && !Files.isExecutable(directory)) {
      throw new AccessDeniedException(directory.toString());
    }
    if (!Files.isRegularFile(directory.resolve(IDENTITY))) {
      throw new NoSuchFileException(directory.resolve(IDENTITY).toString());
    }
    return new StateDirectory(directory);
  }

  public Path path() {
    return directory;
  }

  public Path file(String name) {
    return directory.resolve(name);
  }

  /** Writes a whole enrollment; the identity file last. */
  public void save(
      DeviceIdentity identity,
      WireGuardKeyPair wireGuard,
      KeyPair certificateKey,
      List<byte[]> certificateChain,
      List<byte[]> caBundle)
      throws IOException {
    writePrivate(WIREGUARD_KEY, wireGuard.privateKeyBase64() + "\n");
    writePrivate(CERTIFICATE_KEY, Pem.privateKey(certificateKey.getPrivate()));
    writePublic(CERTIFICATE, Pem.certificates(certificateChain));
    writePublic(CA_BUNDLE, Pem.certificates(caBundle));
    writePublic(IDENTITY, identityText(identity));
  }

  public DeviceIdentity identity() throws IOException {
    Properties properties = new Properties();
    properties.load(new StringReader(read(IDENTITY)));
    try {
      return new DeviceIdentity(
          required(properties, "device-id"),
          required(properties, "spiffe-id"),
          required(properties, "overlay-address"),
          required(properties, "controller"),
          required(properties, "trust-domain"),
          Instant.parse(required(properties, "enrolled-at")),
          Boolean.parseBoolean(properties.getProperty("stock-wireguard", "false")));
    } catch (RuntimeException e) {
      throw new IOException(file(IDENTITY) + " is damaged: " + e.getMessage(), e);
    }
  }

  public WireGuardKeyPair wireGuardKeys() throws IOException {
    return WireGuardKeyPair.fromPrivate(Base64.getDecoder().decode(read(WIREGUARD_KEY).strip()));
  }

  public PrivateKey certificateKey() throws IOException, GeneralSecurityException {
    return Pem.parsePrivateKey(read(CERTIFICATE_KEY));
  }

  public List<X509Certificate> certificateChain() throws IOException, GeneralSecurityException {
    return Pem.parseCertificates(read(CERTIFICATE));
  }

  public List<X509Certificate> caBundle() throws IOException, GeneralSecurityException {
    return Pem.parseCertificates(read(CA_BUNDLE));
  }

  private static String required(Properties properties, String key) {
    String value = properties.getProperty(key);
    if (value == null) {
      throw new IllegalArgumentException("missing " + key);
    }
    return value;
  }

  private static String identityText(DeviceIdentity identity) {
    // Written by hand rather than with Properties.store, which adds a timestamp comment and
    // escapes ':' in a way that makes the file harder for people to read.
    return "# Written by cordon enroll. Do not edit.\n"
        + "device-id="
        + identity.deviceId()
        + "\nspiffe-id="
        + identity.spiffeId()
        + "\noverlay-address="
        + identity.overlayAddress()
        + "\ncontroller="
        + identity.controllerAddress()
        + "\ntrust-domain="
        + identity.trustDomain()
        + "\nenrolled-at="
        + identity.enrolledAt()
        + "\nstock-wireguard="
        + identity.stockWireGuard()
        + "\n";
  }

  private void writePrivate(String name, String content) throws IOException {
    AtomicFiles.write(file(name), content.getBytes(StandardCharsets.UTF_8), AtomicFiles.PRIVATE);
  }

  private void writePublic(String name, String content) throws IOException {
    AtomicFiles.write(file(name), content.getBytes(StandardCharsets.UTF_8), AtomicFiles.PUBLIC);
  }

  private String read(String name) throws IOException {
    return Files.readString(file(name), StandardCharsets.UTF_8);
  }
}
