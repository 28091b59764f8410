package dev.cordon.controller.ca;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
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
 */
final class LeafCertificates {

  private LeafCertificates() {}

  /** The EKU OID a kind's certificates carry; the verifier insists on it too. */
  static ASN1ObjectIdentifier purpose(PrincipalKind kind) {
    return (kind.servesTls() ? KeyPurposeId.id_kp_serverAuth : KeyPurposeId.id_kp_clientAuth)
        .toOID();
  }

  static X509Certificate build(
      X509Certificate issuing,
      PrivateKey issuingKey,
      Registration registration,
      SubjectPublicKeyInfo subjectKey,
      Instant notBefore,
      Instant notAfter,
      SecureRandom random,
      Provider bc) {
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
      return CaCertificates.sign(builder, issuingKey, random, bc);
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("cannot build certificate for " + principal, e);
    }
  }
}
