package dev.cordon.controller.ca;

import java.math.BigInteger;
import java.security.cert.X509Certificate;
import java.util.Objects;
import javax.security.auth.x500.X500Principal;

/**
 * A certificate's identity as its issuer assigned it. The issuer name is kept in RFC 2253 canonical
 * form so two encodings of the same name compare equal.
 */
public record IssuerSerial(String issuer, BigInteger serial) {

  public IssuerSerial {
    Objects.requireNonNull(serial, "serial");
    issuer = new X500Principal(issuer).getName(X500Principal.CANONICAL);
  }

  public static IssuerSerial of(X509Certificate certificate) {
    return new IssuerSerial(
        certificate.getIssuerX500Principal().getName(X500Principal.CANONICAL),
        certificate.getSerialNumber());
  }

  @Override
  public String toString() {
    return issuer + " #" + serial.toString(16);
  }
}
