package dev.cordon.client.testing;

import dev.cordon.client.identity.CertificateKeys;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
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

/** A throwaway CA for tests: a self-signed root that issues leaves with a SPIFFE URI SAN. */
public final class TestCa {

  public static final Instant NOW = Instant.parse("2025-06-01T10:00:00Z");
  private static final SecureRandom RANDOM = new SecureRandom();

  private final KeyPair keys;
  private final X509Certificate root;

  public TestCa(String name) throws Exception {
    keys = CertificateKeys.generate(RANDOM);
    X500Name subject = new X500Name("CN=" + name);
    var builder =
        new JcaX509v3CertificateBuilder(
            subject,
            BigInteger.valueOf(RANDOM.nextLong() & Long.MAX_VALUE),
            Date.from(NOW.minus(Duration.ofDays(1))),
            Date.from(NOW.plus(Duration.ofDays(365))),
            subject,
            keys.getPublic());
    builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
    builder.addExtension(
        Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
    root = sign(builder);
  }

  public X509Certificate root() {
    return root;
  }

  /** A leaf for {@code publicKey} with the URI SAN {@code spiffeId}. */
  public X509Certificate issue(PublicKey publicKey, String spiffeId) throws Exception {
    var builder =
        new JcaX509v3CertificateBuilder(
            X500Name.getInstance(root.getSubjectX500Principal().getEncoded()),
            BigInteger.valueOf(RANDOM.nextLong() & Long.MAX_VALUE),
            Date.from(NOW.minus(Duration.ofHours(1))),
            Date.from(NOW.plus(Duration.ofDays(30))),
            new X500Name("CN=leaf"),
            publicKey);
    builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
    builder.addExtension(
        Extension.subjectAlternativeName,
        false,
        new GeneralNames(new GeneralName(GeneralName.uniformResourceIdentifier, spiffeId)));
    return sign(builder);
  }

  private X509Certificate sign(JcaX509v3CertificateBuilder builder) throws Exception {
    return new JcaX509CertificateConverter()
        .getCertificate(
            builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
  }
}
