package dev.cordon.client.identity;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** PEM text for certificates and PKCS#8 private keys, the format of every file Cordon writes. */
public final class Pem {

  private static final Pattern PRIVATE_KEY =
      Pattern.compile("-----BEGIN PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END PRIVATE KEY-----");
  private static final Base64.Encoder LINES =
      Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));

  private Pem() {}

  /** One or more DER certificates as concatenated PEM blocks, in the order given. */
  public static String certificates(List<byte[]> ders) {
    StringBuilder text = new StringBuilder();
    for (byte[] der : ders) {
      text.append(block("CERTIFICATE", der));
    }
    return text.toString();
  }

  /** A private key as an unencrypted PKCS#8 PEM block. Secret. */
  public static String privateKey(PrivateKey key) {
    return block("PRIVATE KEY", key.getEncoded());
  }

  /** Every certificate in a PEM text, in order. */
  public static List<X509Certificate> parseCertificates(String text) throws CertificateException {
    CertificateFactory factory = CertificateFactory.getInstance("X.509");
    List<X509Certificate> certificates = new ArrayList<>();
    for (var certificate :
        factory.generateCertificates(
            new ByteArrayInputStream(text.getBytes(StandardCharsets.US_ASCII)))) {
      certificates.add((X509Certificate) certificate);
    }
    if (certificates.isEmpty()) {
      throw new CertificateException("no certificate found");
    }
    return certificates;
  }

  /** DER certificates as X509Certificate objects. */
  public static List<X509Certificate> fromDer(List<byte[]> ders) throws CertificateException {
    CertificateFactory factory = CertificateFactory.getInstance("X.509");
    List<X509Certificate> certificates = new ArrayList<>();
    for (byte[] der : ders) {
      certificates.add(
          (X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der)));
    }
    return certificates;
  }

  /** The EC private key in a PKCS#8 PEM text. */
  public static PrivateKey parsePrivateKey(String text) throws GeneralSecurityException {
    Matcher block = PRIVATE_KEY.matcher(text);
    if (!block.find()) {
      throw new GeneralSecurityException("no 'BEGIN PRIVATE KEY' block found");
    }
    byte[] der = Base64.getMimeDecoder().decode(block.group(1));
    return KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(der));
  }

  private static String block(String type, byte[] der) {
    return "-----BEGIN "
        + type
        + "-----\n"
        + LINES.encodeToString(der)
        + "\n-----END "
        + type
        + "-----\n";
  }
}
