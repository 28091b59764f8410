package dev.cordon.controller.ca;

import dev.cordon.controller.ca.Verification.Reason;
import dev.cordon.controller.ca.Verification.Refused;
import dev.cordon.controller.ca.Verification.Trusted;
import java.net.URI;
import java.security.Provider;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Checks a presented chain against this CA at a given instant, in this order: the leaf is an end
 * entity issued and signed by our issuing CA; the CA and root are valid and not revoked; the leaf
 * is within its validity and not revoked; it carries exactly one SPIFFE ID in our trust domain, the
 * usage its kind needs and, for devices and gateways, a WireGuard key.
 *
 * <p>Only the leaf is taken from the presented chain: the issuing CA and root are the ones we hold,
 * so a peer cannot smuggle in an intermediate of its own.
 */
public final class Verifier {

  private static final int URI_NAME = 6;

  private final String trustDomain;
  private final X509Certificate issuing;
  private final X509Certificate root;
  private final RevocationList revocations;
  private final Provider signatures;

  private Verifier(
      String trustDomain,
      X509Certificate issuing,
      X509Certificate root,
      RevocationList revocations,
      Provider signatures) {
    this.trustDomain = trustDomain;
    this.issuing = issuing;
    this.root = root;
    this.revocations = revocations;
    this.signatures = signatures;
  }

  /**
   * A verifier for certificates issued by {@code issuing}, whose signatures it checks through
   * {@code signatures} (every mTLS call checks one, so {@link EcdsaProviders#verifying}).
   */
  public static Verifier of(
      String trustDomain,
      X509Certificate issuing,
      X509Certificate root,
      RevocationList revocations,
      Provider signatures) {
    return new Verifier(
        Objects.requireNonNull(trustDomain),
        Objects.requireNonNull(issuing),
        Objects.requireNonNull(root),
        Objects.requireNonNull(revocations),
        Objects.requireNonNull(signatures));
  }

  public Verification verify(Instant now, List<X509Certificate> presented) {
    if (presented.isEmpty()) {
      return new Refused(Reason.EMPTY_CHAIN, "no certificate was presented");
    }
    X509Certificate leaf = presented.getFirst();
    Refused refused = checkIssuedByUs(leaf);
    if (refused == null) {
      refused = checkIssuers(now);
    }
    if (refused == null) {
      refused = checkLeafTimeAndRevocation(now, leaf);
    }
    return refused != null ? refused : identity(leaf);
  }

  public Verification verify(Instant now, X509Certificate leaf) {
    return verify(now, List.of(leaf));
  }

  private Refused checkIssuedByUs(X509Certificate leaf) {
    if (leaf.getBasicConstraints() >= 0) {
      return new Refused(Reason.NOT_AN_END_ENTITY, "the presented certificate is a CA certificate");
    }
    if (!leaf.getIssuerX500Principal().equals(issuing.getSubjectX500Principal())) {
      return new Refused(
          Reason.UNKNOWN_ISSUER,
          "issued by '" + leaf.getIssuerX500Principal() + "', not by this CA");
    }
    try {
      leaf.verify(issuing.getPublicKey(), signatures);
      return null;
    } catch (Exception e) {
      return new Refused(Reason.BAD_SIGNATURE, "the signature does not verify under this CA's key");
    }
  }

  private Refused checkIssuers(Instant now) {
    for (X509Certificate ca : issuing.equals(root) ? List.of(root) : List.of(issuing, root)) {
      if (outside(now, ca)) {
        return new Refused(
            Reason.ISSUER_NOT_VALID,
            "CA '" + ca.getSubjectX500Principal() + "' is not valid at " + now + window(ca));
      }
      if (revocations.isRevoked(ca)) {
        return new Refused(
            Reason.ISSUER_REVOKED, "CA '" + ca.getSubjectX500Principal() + "' is revoked");
      }
    }
    return null;
  }

  private Refused checkLeafTimeAndRevocation(Instant now, X509Certificate leaf) {
    if (now.isBefore(leaf.getNotBefore().toInstant())) {
      return new Refused(Reason.NOT_YET_VALID, "not valid before " + window(leaf) + "; now " + now);
    }
    if (now.isAfter(leaf.getNotAfter().toInstant())) {
      return new Refused(Reason.EXPIRED, "expired" + window(leaf) + "; now " + now);
    }
    if (revocations.isRevoked(leaf)) {
      return new Refused(
          Reason.REVOKED, "certificate " + IssuerSerial.of(leaf) + " or its key is revoked");
    }
    return null;
  }

  private Verification identity(X509Certificate leaf) {
    List<URI> spiffeIds;
    try {
      spiffeIds = spiffeIds(leaf);
    } catch (CertificateParsingException | IllegalArgumentException e) {
      return new Refused(Reason.MALFORMED_IDENTITY, "unreadable subject alternative names");
    }
    if (spiffeIds.size() != 1) {
      return new Refused(
          Reason.MALFORMED_IDENTITY, "expected one SPIFFE ID, found " + spiffeIds.size());
    }
    Principal principal;
    Optional<WireGuardPublicKey> key;
    try {
      principal = Principal.fromSpiffeId(spiffeIds.getFirst());
      key = WireGuardKeyExtension.read(leaf);
    } catch (IllegalArgumentException e) {
      return new Refused(Reason.MALFORMED_IDENTITY, e.getMessage());
    }
    if (!principal.trustDomain().equals(trustDomain)) {
      return new Refused(
          Reason.FOREIGN_TRUST_DOMAIN, principal + " is not in trust domain " + trustDomain);
    }
    return usage(leaf, principal, key);
  }

  private Verification usage(
      X509Certificate leaf, Principal principal, Optional<WireGuardPublicKey> key) {
    String purpose = LeafCertificates.purpose(principal.kind()).getId();
    List<String> extendedUsage;
    try {
      extendedUsage = leaf.getExtendedKeyUsage();
    } catch (CertificateParsingException e) {
      extendedUsage = null;
    }
    if (extendedUsage == null || !extendedUsage.contains(purpose)) {
      return new Refused(
          Reason.WRONG_USAGE,
          "a " + principal.kind().pathSegment() + " certificate needs EKU " + purpose);
    }
    if (principal.kind().hasTunnelKey() && key.isEmpty()) {
      return new Refused(
          Reason.WRONG_USAGE,
          "a " + principal.kind().pathSegment() + " certificate must bind a WireGuard key");
    }
    return new Trusted(principal, key, leaf);
  }

  private static List<URI> spiffeIds(X509Certificate leaf) throws CertificateParsingException {
    Collection<List<?>> names = leaf.getSubjectAlternativeNames();
    List<URI> out = new ArrayList<>();
    if (names != null) {
      for (List<?> name : names) {
        if (Integer.valueOf(URI_NAME).equals(name.get(0))) {
          URI uri = URI.create(String.valueOf(name.get(1)));
          if ("spiffe".equalsIgnoreCase(uri.getScheme())) {
            out.add(uri);
          }
        }
      }
    }
    return out;
  }

  private static boolean outside(Instant now, X509Certificate c) {
    return now.isBefore(c.getNotBefore().toInstant()) || now.isAfter(c.getNotAfter().toInstant());
  }

  private static String window(X509Certificate c) {
    return " (valid " + c.getNotBefore().toInstant() + " to " + c.getNotAfter().toInstant() + ")";
  }
}
