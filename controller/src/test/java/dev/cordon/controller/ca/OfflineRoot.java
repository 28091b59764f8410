package dev.cordon.controller.ca;

import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** An organisation's offline root, as its operators would make it outside Cordon. */
final class OfflineRoot {

  static final X500Name ROOT_NAME = new X500Name("O=Example Corp,CN=Example Offline Root");

  final KeyPair keys = TestDevice.ec("secp384r1");
  final X509Certificate certificate;

  OfflineRoot(Instant now) {
    certificate =
        sign(ROOT_NAME, ROOT_NAME, keys, keys.getPrivate(), now, Duration.ofDays(7300), true);
  }

  /** An issuing CA for the controller, P-256, signed by this root. */
  X509Certificate issue(KeyPair issuingKeys, Instant now, boolean isCa) {
    return sign(
        ROOT_NAME,
        new X500Name("O=Example Corp,CN=Cordon issuing CA"),
        issuingKeys,
        keys.getPrivate(),
        now,
        Duration.ofDays(1825),
        isCa);
  }

  static X509Certificate sign(
      X500Name issuer,
      X500Name subject,
      KeyPair subjectKeys,
      PrivateKey signer,
      Instant now,
      Duration lifetime,
      boolean isCa) {
    try {
      X509v3CertificateBuilder builder =
          new X509v3CertificateBuilder(
                  issuer,
                  BigInteger.valueOf(now.getEpochSecond())
                      .add(BigInteger.valueOf(subject.hashCode() & 0xffff)),
                  Date.from(now.minusSeconds(60)),
                  Date.from(now.plus(lifetime)),
                  subject,
                  SubjectPublicKeyInfo.getInstance(subjectKeys.getPublic().getEncoded()))
              .addExtension(
                  Extension.basicConstraints,
                  true,
                  isCa ? new BasicConstraints(1) : new BasicConstraints(false))
              .addExtension(
                  Extension.keyUsage,
                  true,
                  new KeyUsage(
                      isCa ? KeyUsage.keyCertSign | KeyUsage.cRLSign : KeyUsage.digitalSignature));
      String algorithm = signer.getAlgorithm().equals("EC") ? "SHA384withECDSA" : "SHA256withRSA";
      return new JcaX509CertificateConverter()
          .getCertificate(
              builder.build(
                  new JcaContentSignerBuilder(algorithm).setProvider(TestDevice.BC).build(signer)));
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  static byte[] pem(X509Certificate certificate) {
    return Pem.certificate(certificate).getBytes(StandardCharsets.US_ASCII);
  }

  /** OpenSSL's traditional "EC PRIVATE KEY" (SEC1) form, as `openssl ecparam -genkey` writes. */
  static byte[] sec1Pem(PrivateKey key) {
    StringWriter out = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
      // Through Bouncy Castle's own key class, whose SEC1 form names the curve as OpenSSL's does.
      writer.writeObject(
          java.security.KeyFactory.getInstance("EC", TestDevice.BC)
              .generatePrivate(new java.security.spec.PKCS8EncodedKeySpec(key.getEncoded())));
    } catch (Exception e) {
      throw new AssertionError(e);
    }
    return out.toString().getBytes(StandardCharsets.US_ASCII);
  }
}
