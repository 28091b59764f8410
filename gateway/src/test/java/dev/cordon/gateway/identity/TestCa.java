package dev.cordon.gateway.identity;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** A throwaway CA issuing leaves for given keys and validity, with increasing serials. */
final class TestCa {
  private final KeyPair key = CertificateRequest.freshKey(new SecureRandom());
  private final X500Name name = new X500Name("CN=test ca");
  final X509Certificate certificate;
  private long serial = 100;

  TestCa(Instant now) {
    certificate = issue(key.getPublic(), name, now.minusSeconds(60), now.plusSeconds(86_400 * 30));
  }

  X509Certificate leaf(PublicKey subjectKey, Instant notBefore, Instant notAfter) {
    return issue(subjectKey, new X500Name("CN=gw"), notBefore, notAfter);
  }

  private X509Certificate issue(
      PublicKey subjectKey, X500Name subject, Instant notBefore, Instant notAfter) {
    try {
      var builder =
          new JcaX509v3CertificateBuilder(
              name,
              BigInteger.valueOf(serial++),
              Date.from(notBefore),
              Date.from(notAfter),
              subject,
              subjectKey);
      return new JcaX509CertificateConverter()
          .getCertificate(
              builder.build(
                  new JcaContentSignerBuilder("SHA256withECDSA").build(key.getPrivate())));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
