package dev.cordon.controller.ca;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * SHA-256 of the trust anchor's DER, in lowercase hex. Enrollment tokens carry it so a device can
 * pin the controller's CA on first contact, before it trusts anything the controller says.
 */
public record CaFingerprint(String hex) {

  private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

  public CaFingerprint {
    if (!SHA256_HEX.matcher(hex).matches()) {
      throw new IllegalArgumentException("a CA fingerprint is 64 lowercase hex digits (SHA-256)");
    }
  }

  public static CaFingerprint of(X509Certificate trustAnchor) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(trustAnchor.getEncoded());
      return new CaFingerprint(HexFormat.of().formatHex(digest));
    } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
      throw new IllegalStateException("cannot fingerprint the CA certificate", e);
    }
  }

  /** Constant-time so that a pin check leaks nothing about how much of the fingerprint matched. */
  public boolean matches(X509Certificate certificate) {
    return MessageDigest.isEqual(
        HexFormat.of().parseHex(hex), HexFormat.of().parseHex(of(certificate).hex));
  }

  @Override
  public String toString() {
    return hex;
  }
}
