package dev.cordon.controller.ca;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;

/**
 * Builds an end-entity certificate: everything from the registration, only the key from the CSR.
 * Bouncy Castle builds the ASN.1; the signature is made by the {@link Signer}.
 */
final class LeafCertificates {

  private LeafCertificates() {}

  /**
   * The issuing key and the provider that signs with it ({@link EcdsaProviders#signing}), the key
   * translated to that provider once, here, since issuance signs once per enrollment. A key the
   * provider cannot take keeps signing through Bouncy Castle.
   */
  record Signer(PrivateKey key, Provider provider) {

    static Signer of(PrivateKey key, Provider signing, Provider bc) {
      if (signing == bc || !"EC".equals(key.getAlgorithm())) {
        return new Signer(key, bc);
      }
      try {
        PrivateKey translated =
            KeyFactory.getInstance("EC", signing)
                .generatePrivate(new PKCS8EncodedKeySpec(key.getEncoded()));
        return new Signer(translated, signing);
      } catch (GeneralSecurityException | RuntimeException e) {
        return new Signer(key, bc);
      }
    }

    @Override
    public String toString() {
      return "Signer[" + provider.getName() + "]"; // never the key
    }
  }

  /** The EKU OID a kind's certificates carry; the verifier insists on it too. */
  static ASN1ObjectIdentifier purpose(PrincipalKind kind) {
    return (kind.servesTls() ? KeyPurposeId.id_kp_serverAuth : KeyPurposeId.id_kp_clientAuth)
        .toOID();
  }

  static X509Certificate build(
      X509Certificate issuing,
      Signer signer,
      Registration registration,
      SubjectPublicKeyInfo subjectKey,
      Instant notBefore,
      Instant notAfter,
      SecureRandom random) {
    Principal principal = registration.principal();
    try {
      JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
      X509v3CertificateBuilder builder =
          new X509v3CertificateBuilder(
                  // The issuer's encoded name byte for byte, so name chaining never depends on
                  // how a verifier normalises distinguished names.
                  X500Name.getInstance(issuing.getSubjectX500Principal().getEncoded()),
                  CaCertificates.serial(random),
                  Date.from(notBefore),
                  Date.from(notAfter),
                  SubjectNames.subject(principal),
                  subjectKey)
              .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
              .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
              .addExtension(
                  Extension.extendedKeyUsage,
                  false,
                  new ExtendedKeyUsage(KeyPurposeId.getInstance(purpose(principal.kind()))))
              .addExtension(
                  Extension.subjectAlternativeName,
                  false,
                  SubjectNames.alternativeNames(registration))
              .addExtension(
                  Extension.subjectKeyIdentifier,
                  false,
                  utils.createSubjectKeyIdentifier(subjectKey))
              .addExtension(
                  Extension.authorityKeyIdentifier,
                  false,
                  utils.createAuthorityKeyIdentifier(issuing));
      if (registration.wireGuardKey().isPresent()) {
        builder.addExtension(WireGuardKeyExtension.encode(registration.wireGuardKey().get()));
      }
      return CaCertificates.sign(builder, signer.key(), random, signer.provider());
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("cannot build certificate for " + principal, e);
    }
  }
}
