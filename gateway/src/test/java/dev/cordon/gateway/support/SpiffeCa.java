package dev.cordon.gateway.support;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A throwaway self-signed CA issuing controller and gateway leaves with SPIFFE identities, as the
 * controller's CA does, with increasing serials. Valid around the real clock (TLS trust checks use
 * it), or around a given instant for tests that run on a clock of their own.
 */
public final class SpiffeCa {
  private static final Duration SLACK = Duration.ofHours(1);
  private static final Duration LIFE = Duration.ofDays(30);

  private final KeyPair key = freshKey();
  private final X500Name name;
  private final X509Certificate certificate;
  private long serial = 1;

  public SpiffeCa(String commonName) {
    this(commonName, Instant.now());
  }

  /** A CA valid from an hour before {@code now} for 30 days. */
  public SpiffeCa(String commonName, Instant now) {
    name = new X500Name("CN=" + commonName);
    certificate = issue(key.getPublic(), name, null, true, now.minus(SLACK), now.plus(LIFE));
  }

  public X509Certificate certificate() {
    return certificate;
  }

  /** A controller's leaf: {@code spiffe://DOMAIN/controller/NAME}, for a fresh key. */
  public X509Certificate controller(String trustDomain, String controllerName) {
    return leaf(
        freshKey().getPublic(), "spiffe://" + trustDomain + "/controller/" + controllerName);
  }

  /** A leaf with the URI {@code spiffe} for {@code subjectKey}, valid from an hour ago. */
  public X509Certificate leaf(PublicKey subjectKey, String spiffe) {
    Instant now = Instant.now();
    return issue(
        subjectKey, new X500Name("CN=leaf"), spiffe, false, now.minus(SLACK), now.plus(LIFE));
  }

  /** A leaf without a SPIFFE identity for {@code subjectKey}, valid over the given span. */
  public X509Certificate leaf(PublicKey subjectKey, Instant notBefore, Instant notAfter) {
    return issue(subjectKey, new X500Name("CN=leaf"), null, false, notBefore, notAfter);
  }

  public static KeyPair freshKey() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
      g.initialize(new ECGenParameterSpec("secp256r1"));
      return g.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private X509Certificate issue(
      PublicKey subjectKey,
      X500Name subject,
      String spiffe,
      boolean ca,
      Instant notBefore,
      Instant notAfter) {
    try {
      var builder =
          new JcaX509v3CertificateBuilder(
              name,
              BigInteger.valueOf(serial++),
              Date.from(notBefore),
              Date.from(notAfter),
              subject,
              subjectKey);
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
      builder.addExtension(
          Extension.keyUsage,
          true,
          new KeyUsage(ca ? KeyUsage.keyCertSign : KeyUsage.digitalSignature));
      if (spiffe != null) {
        builder.addExtension(
            Extension.subjectAlternativeName,
            false,
            new GeneralNames(new GeneralName(GeneralName.uniformResourceIdentifier, spiffe)));
      }
      return new JcaX509CertificateConverter()
          .getCertificate(
              builder.build(
                  new JcaContentSignerBuilder("SHA256withECDSA").build(key.getPrivate())));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
