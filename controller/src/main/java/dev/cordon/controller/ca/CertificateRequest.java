package dev.cordon.controller.ca;

import dev.cordon.controller.ca.IssuanceRefused.Reason;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.Provider;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.operator.ContentVerifierProvider;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;

/**
 * A PKCS#10 request that has passed every check the CA makes before issuing: it parses, its
 * signature verifies under its own key (proof of possession), its key is EC P-256 or Ed25519, and
 * it asks for nothing the registry does not assign. Only the public key is taken from it.
 */
final class CertificateRequest {

  /** A CSR is a few hundred bytes; anything this large is not one. */
  static final int MAX_ENCODED_LENGTH = 16 * 1024;

  static final String ALLOWED_KEYS = "EC P-256 (secp256r1) or Ed25519";

  private final PKCS10CertificationRequest csr;

  private CertificateRequest(PKCS10CertificationRequest csr) {
    this.csr = csr;
  }

  /**
   * Parses and checks a request against the registration it is meant for.
   *
   * @param encoded DER, or PEM ({@code CERTIFICATE REQUEST} / {@code NEW CERTIFICATE REQUEST})
   * @throws IssuanceRefused with the reason and a message naming what was asked and what is allowed
   */
  static CertificateRequest check(
      byte[] encoded, Registration registration, Provider ecdsa, Provider bc) {
    CertificateRequest request = new CertificateRequest(parse(encoded));
    request.checkKeyType();
    request.checkSignature(ecdsa, bc);
    request.checkSubject(registration.principal());
    request.checkAlternativeNames(registration);
    return request;
  }

  SubjectPublicKeyInfo subjectPublicKeyInfo() {
    return csr.getSubjectPublicKeyInfo();
  }

  private static PKCS10CertificationRequest parse(byte[] encoded) {
    if (encoded == null || encoded.length == 0) {
      throw new IssuanceRefused(Reason.MALFORMED_CSR, "the CSR is empty");
    }
    if (encoded.length > MAX_ENCODED_LENGTH) {
      throw new IssuanceRefused(
          Reason.MALFORMED_CSR,
          "the CSR is "
              + encoded.length
              + " bytes; at most "
              + MAX_ENCODED_LENGTH
              + " are accepted");
    }
    try {
      return looksLikePem(encoded) ? parsePem(encoded) : new PKCS10CertificationRequest(encoded);
    } catch (IOException | RuntimeException e) {
      throw new IssuanceRefused(
          Reason.MALFORMED_CSR,
          "the CSR is not a PKCS#10 request in DER or PEM: " + e.getMessage(),
          e);
    }
  }

  private static boolean looksLikePem(byte[] encoded) {
    return new String(encoded, 0, Math.min(encoded.length, 64), StandardCharsets.US_ASCII)
        .stripLeading()
        .startsWith("-----BEGIN");
  }

  private static PKCS10CertificationRequest parsePem(byte[] encoded) throws IOException {
    try (PEMParser parser =
        new PEMParser(new StringReader(new String(encoded, StandardCharsets.US_ASCII)))) {
      Object object = parser.readObject();
      if (object instanceof PKCS10CertificationRequest request) {
        return request;
      }
      throw new IOException(
          "the PEM block holds "
              + (object == null ? "nothing readable" : object.getClass().getSimpleName())
              + ", not a CERTIFICATE REQUEST");
    }
  }

  private void checkKeyType() {
    AlgorithmIdentifier algorithm = csr.getSubjectPublicKeyInfo().getAlgorithm();
    ASN1ObjectIdentifier oid = algorithm.getAlgorithm();
    if (oid.equals(EdECObjectIdentifiers.id_Ed25519)) {
      return;
    }
    if (oid.equals(X9ObjectIdentifiers.id_ecPublicKey)
        && SECObjectIdentifiers.secp256r1.equals(algorithm.getParameters())) {
      return;
    }
    throw new IssuanceRefused(
        Reason.KEY_TYPE_NOT_ALLOWED,
        "the CSR's key is " + describeKey(algorithm) + "; allowed keys: " + ALLOWED_KEYS);
  }

  private static String describeKey(AlgorithmIdentifier algorithm) {
    ASN1ObjectIdentifier oid = algorithm.getAlgorithm();
    if (oid.equals(PKCSObjectIdentifiers.rsaEncryption)) {
      return "RSA";
    }
    if (oid.equals(X9ObjectIdentifiers.id_ecPublicKey)) {
      return "EC on curve " + algorithm.getParameters();
    }
    if (oid.equals(EdECObjectIdentifiers.id_Ed448)) {
      return "Ed448";
    }
    return "of algorithm " + oid.getId();
  }

  /**
   * A P-256 key's signature through {@code ecdsa} ({@link EcdsaProviders#verifying}), an Ed25519
   * key's through Bouncy Castle. The key is decoded by the JDK, so the provider only verifies.
   */
  private void checkSignature(Provider ecdsa, Provider bc) {
    boolean valid;
    try {
      boolean ec =
          csr.getSubjectPublicKeyInfo()
              .getAlgorithm()
              .getAlgorithm()
              .equals(X9ObjectIdentifiers.id_ecPublicKey);
      PublicKey key =
          KeyFactory.getInstance(ec ? "EC" : "Ed25519")
              .generatePublic(new X509EncodedKeySpec(csr.getSubjectPublicKeyInfo().getEncoded()));
      ContentVerifierProvider verifier =
          new JcaContentVerifierProviderBuilder().setProvider(ec ? ecdsa : bc).build(key);
      valid = csr.isSignatureValid(verifier);
    } catch (Exception e) {
      throw new IssuanceRefused(
          Reason.CSR_SIGNATURE_INVALID,
          "the CSR's signature could not be checked against its own key: " + e.getMessage(),
          e);
    }
    if (!valid) {
      throw new IssuanceRefused(
          Reason.CSR_SIGNATURE_INVALID,
          "the CSR's signature does not verify under the public key it carries;"
              + " it must be signed by the key being certified");
    }
  }

  private void checkSubject(Principal principal) {
    X500Name requested = csr.getSubject();
    X500Name assigned = SubjectNames.subject(principal);
    X500Name shortForm = SubjectNames.commonNameOnly(principal);
    if (requested.getRDNs().length == 0
        || requested.equals(assigned)
        || requested.equals(shortForm)) {
      return;
    }
    throw new IssuanceRefused(
        Reason.SUBJECT_NOT_ALLOWED,
        "the CSR asks for subject '"
            + requested
            + "'; allowed: an empty subject, '"
            + shortForm
            + "' or '"
            + assigned
            + "' (the registry assigns the subject)");
  }

  private void checkAlternativeNames(Registration registration) {
    Extensions extensions = csr.getRequestedExtensions();
    GeneralNames requested =
        extensions == null
            ? null
            : GeneralNames.fromExtensions(extensions, Extension.subjectAlternativeName);
    if (requested == null) {
      return;
    }
    Set<String> allowed = describeAll(SubjectNames.alternativeNames(registration));
    List<String> refused =
        describeAll(requested).stream().filter(name -> !allowed.contains(name)).toList();
    if (!refused.isEmpty()) {
      throw new IssuanceRefused(
          Reason.NAMES_NOT_ALLOWED,
          "the CSR asks for "
              + String.join(", ", refused)
              + "; the registry allows only "
              + String.join(", ", allowed));
    }
  }

  private static Set<String> describeAll(GeneralNames names) {
    return Arrays.stream(names.getNames())
        .map(SubjectNames::describe)
        .collect(Collectors.toCollection(LinkedHashSet::new));
  }
}
