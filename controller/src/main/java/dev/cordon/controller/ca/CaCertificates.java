package dev.cordon.controller.ca;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** The CA's own key and certificate: generation, signing, and the checks made when importing. */
final class CaCertificates {

  static final String SIGNATURE_ALGORITHM = "SHA256withECDSA";

  /** A self-made root is replaced by re-enrolling the fleet, so it should outlive the hardware. */
  static final Duration ROOT_LIFETIME = Duration.ofDays(3650);

  private CaCertificates() {}

  static KeyPair generateP256(SecureRandom random) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"), random);
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JDK cannot generate P-256 keys", e);
    }
  }

  /**
   * A self-signed CA that both anchors trust and issues (the single-controller case). Path length
   * 0: it issues end-entity certificates only. Its URI SAN names the trust domain.
   */
  static X509Certificate selfSignedRoot(
      KeyPair keys,
      String trustDomain,
      Instant now,
      Duration backdate,
      SecureRandom random,
      Provider bc) {
    X500Name name =
        new X500NameBuilder(BCStyle.INSTANCE)
            .addRDN(BCStyle.O, trustDomain)
            .addRDN(BCStyle.OU, "ca")
            .addRDN(BCStyle.CN, "Cordon CA")
            .build();
    Instant start = seconds(now).minus(backdate);
    SubjectPublicKeyInfo spki = SubjectPublicKeyInfo.getInstance(keys.getPublic().getEncoded());
    try {
      JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
      X509v3CertificateBuilder builder =
          new X509v3CertificateBuilder(
                  name,
                  serial(random),
                  Date.from(start),
                  Date.from(seconds(now).plus(ROOT_LIFETIME)),
                  name,
                  spki)
              .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
              .addExtension(
                  Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
              .addExtension(
                  Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(spki))
              .addExtension(
                  Extension.subjectAlternativeName,
                  false,
                  new GeneralNames(
                      new GeneralName(
                          GeneralName.uniformResourceIdentifier, "spiffe://" + trustDomain)));
      return sign(builder, keys.getPrivate(), random, bc);
    } catch (GeneralSecurityException | java.io.IOException e) {
      throw new IllegalStateException("cannot build the CA certificate", e);
    }
  }

  static X509Certificate sign(
      X509v3CertificateBuilder builder, PrivateKey key, SecureRandom random, Provider bc) {
    try {
      ContentSigner signer =
          new JcaContentSignerBuilder(SIGNATURE_ALGORITHM)
              .setProvider(bc)
              .setSecureRandom(random)
              .build(key);
      X509CertificateHolder holder = builder.build(signer);
      // The JDK's provider parses the result, so what we hand out is what any JDK peer sees.
      return new JcaX509CertificateConverter().getCertificate(holder);
    } catch (Exception e) {
      throw new IllegalStateException("cannot sign certificate", e);
    }
  }

  /** 128 random bits, never zero (RFC 5280 wants positive serials). */
  static BigInteger serial(SecureRandom random) {
    byte[] bytes = new byte[16];
    BigInteger serial;
    do {
      random.nextBytes(bytes);
      serial = new BigInteger(1, bytes);
    } while (serial.signum() == 0);
    return serial;
  }

  /** X.509 times have one-second resolution; truncating up front keeps our arithmetic exact. */
  static Instant seconds(Instant instant) {
    return instant.truncatedTo(ChronoUnit.SECONDS);
  }

  static boolean isP256(PublicKey key) {
    AlgorithmIdentifier algorithm =
        SubjectPublicKeyInfo.getInstance(key.getEncoded()).getAlgorithm();
    return algorithm.getAlgorithm().equals(X9ObjectIdentifiers.id_ecPublicKey)
        && SECObjectIdentifiers.secp256r1.equals(algorithm.getParameters());
  }

  /** Proves the private key belongs to the certificate by signing a random challenge with it. */
  static boolean keyMatches(
      PrivateKey key, X509Certificate certificate, SecureRandom random, Provider bc) {
    byte[] challenge = new byte[32];
    random.nextBytes(challenge);
    try {
      Signature signer = Signature.getInstance(SIGNATURE_ALGORITHM, bc);
      signer.initSign(key, random);
      signer.update(challenge);
      byte[] signature = signer.sign();
      Signature verifier = Signature.getInstance(SIGNATURE_ALGORITHM, bc);
      verifier.initVerify(certificate.getPublicKey());
      verifier.update(challenge);
      return verifier.verify(signature);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }
}
