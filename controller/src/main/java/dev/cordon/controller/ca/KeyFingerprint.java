package dev.cordon.controller.ca;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * SHA-256 of a public key's SubjectPublicKeyInfo, hex. Revoking by this survives re-issuance and
 * re-encoding: the JDK re-encodes a parsed key in one canonical form (named curve, uncompressed
 * point), so every certificate for the same key yields the same fingerprint.
 */
public record KeyFingerprint(String hex) {

  private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

  public KeyFingerprint {
    if (!SHA256_HEX.matcher(hex).matches()) {
      throw new IllegalArgumentException("a key fingerprint is 64 lowercase hex digits (SHA-256)");
    }
  }

  public static KeyFingerprint of(PublicKey key) {
    try {
      return new KeyFingerprint(
          HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getEncoded())));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JDK", e);
    }
  }

  public static KeyFingerprint of(X509Certificate certificate) {
    return of(certificate.getPublicKey());
  }
}
