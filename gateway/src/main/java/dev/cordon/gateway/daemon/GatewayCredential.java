package dev.cordon.gateway.daemon;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Properties;

/**
 * What {@code cordon enroll --token T --state-dir DIR} left for the gateway, in the client's state
 * directory layout: {@code identity.properties} (written last, marks a complete enrollment), {@code
 * wireguard.key} (base64), {@code device.key} (PKCS#8 PEM), {@code device.crt} (chain, leaf first)
 * and {@code ca.crt}. Never printed: {@link #toString()} names the gateway only.
 */
record GatewayCredential(
    String name,
    String spiffeId,
    String overlayAddress,
    String controller,
    String trustDomain,
    byte[] wireguardPrivateKey,
    PrivateKey certificateKey,
    List<X509Certificate> chain,
    List<X509Certificate> caBundle) {

  static final List<String> FILES =
      List.of("identity.properties", "wireguard.key", "device.key", "device.crt", "ca.crt");

  /** No complete enrollment in the directory. */
  static final class Missing extends Exception {
    Missing(String message) {
      super(message);
    }
  }

  /** The exact advice printed when the state directory holds no enrollment. */
  static String missingMessage(Path dir, String file) {
    return "no gateway enrollment in "
        + dir
        + " ("
        + file
        + " is missing): enroll this gateway first with: cordon enroll --token <gateway token>"
        + " --state-dir "
        + dir;
  }

  static GatewayCredential load(Path dir) throws Missing, IOException {
    for (String f : FILES) {
      if (!Files.isRegularFile(dir.resolve(f))) throw new Missing(missingMessage(dir, f));
    }
    Properties p = new Properties();
    p.load(new StringReader(read(dir, "identity.properties")));
    try {
      byte[] wg = Base64.getDecoder().decode(read(dir, "wireguard.key").strip());
      if (wg.length != 32) throw new IOException("wireguard.key is not a 32-byte key");
      return new GatewayCredential(
          gatewayName(required(p, "spiffe-id")),
          required(p, "spiffe-id"),
          required(p, "overlay-address"),
          required(p, "controller"),
          required(p, "trust-domain"),
          wg,
          privateKey(read(dir, "device.key")),
          certificates(read(dir, "device.crt")),
          certificates(read(dir, "ca.crt")));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IOException("the credential in " + dir + " is damaged: " + e.getMessage(), e);
    }
  }

  private static String read(Path dir, String name) throws IOException {
    return Files.readString(dir.resolve(name), StandardCharsets.UTF_8);
  }

  /**
   * The name in spiffe://DOMAIN/gateway/NAME: enrollment leaves device-id empty for gateways (the
   * EnrollResponse contract), so the identity is the only place the name is recorded.
   */
  private static String gatewayName(String spiffeId) {
    return spiffeId.substring(spiffeId.lastIndexOf('/') + 1);
  }

  private static String required(Properties p, String key) {
    String v = p.getProperty(key);
    if (v == null || v.isBlank()) throw new IllegalArgumentException("identity lacks " + key);
    return v.strip();
  }

  private static PrivateKey privateKey(String pem) throws GeneralSecurityException {
    String body = pem.replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "").replaceAll("\\s", "");
    var spec = new PKCS8EncodedKeySpec(Base64.getDecoder().decode(body));
    GeneralSecurityException last = null;
    for (String alg : List.of("EC", "Ed25519", "RSA")) {
      try {
        return KeyFactory.getInstance(alg).generatePrivate(spec);
      } catch (GeneralSecurityException e) {
        last = e;
      }
    }
    throw last;
  }

  private static List<X509Certificate> certificates(String pem) throws GeneralSecurityException {
    List<X509Certificate> out = new ArrayList<>();
    var factory = CertificateFactory.getInstance("X.509");
    for (var c :
        factory.generateCertificates(
            new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)))) {
      out.add((X509Certificate) c);
    }
    if (out.isEmpty()) throw new GeneralSecurityException("no certificate in PEM");
    return out;
  }

  @Override
  public String toString() {
    return "GatewayCredential[" + name + ", " + spiffeId + "]";
  }
}
