package dev.cordon.controller.ca;

import dev.cordon.controller.ca.IssuanceRefused.Reason;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * The controller's issuing CA. It is created on first start (a self-signed P-256 CA that is both
 * root and issuer) or imported (an issuing CA signed by a root kept offline, whose certificate
 * stays here as the trust anchor), and persisted in one directory.
 *
 * <p>It issues only from CSRs, and a certificate's subject, names and WireGuard key binding come
 * only from the {@link Registration}. Thread-safe: all state is immutable after construction.
 */
public final class CertificateAuthority {

  private final CaConfig config;
  private final X509Certificate issuing;
  private final X509Certificate root;
  // A private instance, not registered globally, so the rest of the JVM keeps its own providers.
  private final Provider bc;
  private final EcdsaProviders ecdsa = EcdsaProviders.current();
  private final LeafCertificates.Signer signer;

  private CertificateAuthority(
      CaConfig config, X509Certificate issuing, X509Certificate root, PrivateKey key, Provider bc) {
    this.config = config;
    this.issuing = issuing;
    this.root = root;
    this.bc = bc;
    this.signer = LeafCertificates.Signer.of(key, ecdsa.signing(), bc);
  }

  /** Loads the CA in the configured directory, or creates one if the directory holds none. */
  public static CertificateAuthority createOrLoad(CaConfig config, Instant now) {
    return new CaDirectory(config.directory()).present().isEmpty()
        ? create(config, now)
        : load(config);
  }

  /**
   * Generates a P-256 key and a self-signed CA valid from {@code now} (minus the backdate) and
   * writes them; the key file is created with mode 0600.
   *
   * @throws CaSetupException if the directory already holds CA files or cannot be written
   */
  public static CertificateAuthority create(CaConfig config, Instant now) {
    Provider bc = new BouncyCastleProvider();
    KeyPair keys = CaCertificates.generateP256(config.random());
    X509Certificate root =
        CaCertificates.selfSignedRoot(
            keys, config.trustDomain(), now, config.options().backdate(), config.random(), bc);
    new CaDirectory(config.directory()).write(root, root, keys.getPrivate());
    return new CertificateAuthority(config, root, root, keys.getPrivate(), bc);
  }

  /**
   * Loads a CA written by {@link #create} or {@link #importIssuing}.
   *
   * @throws CaSetupException if files are missing, unreadable, the key is readable by others, or
   *     the key and certificates do not belong together
   */
  public static CertificateAuthority load(CaConfig config) {
    CaDirectory directory = new CaDirectory(config.directory());
    List<String> present = directory.present();
    if (present.size() != 3) {
      throw new CaSetupException(
          config.directory()
              + " is not a complete CA: found "
              + present
              + ", need "
              + List.of(CaDirectory.KEY, CaDirectory.ISSUING, CaDirectory.ROOT));
    }
    Provider bc = new BouncyCastleProvider();
    X509Certificate issuing = directory.readIssuing();
    X509Certificate root = directory.readRoot();
    PrivateKey key = directory.readKey(bc);
    IssuingCaChecks.checkPair(config, issuing, root, key, bc);
    return new CertificateAuthority(config, issuing, root, key, bc);
  }

  /**
   * Imports an issuing CA signed by an offline root, after checking that the root is a self-signed
   * CA, the issuing certificate is a CA signed by it, both are valid at {@code now}, the key is
   * P-256 and belongs to the issuing certificate; then writes it (key file 0600).
   */
  public static CertificateAuthority importIssuing(
      CaConfig config, ImportedCa material, Instant now) {
    Provider bc = new BouncyCastleProvider();
    X509Certificate issuing = readOne("issuing CA certificate", material.issuingCertificatePem());
    X509Certificate root = readOne("root certificate", material.rootCertificatePem());
    PrivateKey key = CaDirectory.readPrivateKey(material.issuingKeyPem(), bc);
    IssuingCaChecks.checkPair(config, issuing, root, key, bc);
    IssuingCaChecks.checkValidAt(now, issuing, root);
    new CaDirectory(config.directory()).write(issuing, root, key);
    return new CertificateAuthority(config, issuing, root, key, bc);
  }

  private static X509Certificate readOne(String what, byte[] pem) {
    try {
      return Pem.readCertificate(pem);
    } catch (IllegalArgumentException e) {
      throw new CaSetupException("the " + what + " is unusable: " + e.getMessage(), e);
    }
  }

  /**
   * Issues a certificate for {@code registration} to the key in {@code csr}.
   *
   * <p>Validity: from {@code now} minus the configured backdate to {@code now} plus the kind's
   * lifetime, clipped to the issuing CA's own validity. Not safe to retry blindly: each call issues
   * a new certificate with a new serial.
   *
   * @param csr a PKCS#10 request, DER or PEM, signed by the key to certify
   * @throws IssuanceRefused if the CSR is malformed, badly signed, has a disallowed key type, or
   *     asks for a subject or names the registry does not assign
   * @throws IllegalStateException if the issuing CA itself is not valid at {@code now}
   */
  public X509Certificate issue(Instant now, Registration registration, byte[] csr) {
    Objects.requireNonNull(now, "now");
    Principal principal = registration.principal();
    if (!principal.trustDomain().equals(config.trustDomain())) {
      throw new IssuanceRefused(
          Reason.FOREIGN_TRUST_DOMAIN,
          principal + " is not in this CA's trust domain " + config.trustDomain());
    }
    CertificateRequest request = CertificateRequest.check(csr, registration, ecdsa.verifying(), bc);
    Instant caStart = issuing.getNotBefore().toInstant();
    Instant caEnd = issuing.getNotAfter().toInstant();
    Instant start = CaCertificates.seconds(now).minus(config.options().backdate(principal.kind()));
    Instant end = CaCertificates.seconds(now).plus(config.options().lifetime(principal.kind()));
    if (now.isBefore(caStart) || now.isAfter(caEnd)) {
      throw new IllegalStateException(
          "the issuing CA is valid from " + caStart + " to " + caEnd + ", not at " + now);
    }
    return LeafCertificates.build(
        issuing,
        signer,
        registration,
        request.subjectPublicKeyInfo(),
        start.isBefore(caStart) ? caStart : start,
        end.isAfter(caEnd) ? caEnd : end,
        config.random());
  }

  /** The certificate devices and gateways trust: the root (the CA itself when self-made). */
  public X509Certificate trustAnchor() {
    return root;
  }

  public X509Certificate issuingCertificate() {
    return issuing;
  }

  /** What a device receives as its CA bundle: the issuing CA, then the root if it is another. */
  public List<X509Certificate> bundle() {
    return issuing.equals(root) ? List.of(issuing) : List.of(issuing, root);
  }

  /** Carried in enrollment tokens so devices pin this CA. */
  public CaFingerprint fingerprint() {
    return CaFingerprint.of(root);
  }

  public String trustDomain() {
    return config.trustDomain();
  }

  public Verifier verifier(RevocationList revocations) {
    return Verifier.of(config.trustDomain(), issuing, root, revocations, ecdsa.verifying());
  }

  @Override
  public String toString() {
    return "CertificateAuthority[" + config.trustDomain() + ", " + fingerprint() + "]";
  }
}
