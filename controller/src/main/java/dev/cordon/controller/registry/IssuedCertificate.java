package dev.cordon.controller.registry;

import dev.cordon.controller.ca.IssuerSerial;
import dev.cordon.controller.ca.KeyFingerprint;
import java.security.cert.X509Certificate;
import java.util.Objects;

/**
 * What revocation needs to know of one certificate ever issued to a principal: its issuer and
 * serial, and its key. Kept for every certificate, not only the current one, so revoking a device
 * also revokes certificates it renewed away from but which are still within their validity.
 */
public record IssuedCertificate(IssuerSerial issuerSerial, KeyFingerprint key) {

  public IssuedCertificate {
    Objects.requireNonNull(issuerSerial);
    Objects.requireNonNull(key);
  }

  public static IssuedCertificate of(X509Certificate certificate) {
    return new IssuedCertificate(IssuerSerial.of(certificate), KeyFingerprint.of(certificate));
  }

  /** {@code <serial hex>|<issuer>|<key hex>}: the issuer DN may hold commas, never a bar. */
  String encode() {
    return issuerSerial.serial().toString(16) + "|" + issuerSerial.issuer() + "|" + key.hex();
  }

  static IssuedCertificate decode(String text) {
    String[] parts = text.split("\\|", 3);
    return new IssuedCertificate(
        new IssuerSerial(parts[1], new java.math.BigInteger(parts[0], 16)),
        new KeyFingerprint(parts[2]));
  }
}
