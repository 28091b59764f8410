package dev.cordon.controller.ca;

import java.net.URI;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

/** What must hold for an issuing CA, its key and its root to be used together. */
final class IssuingCaChecks {

  /** keyUsage bit 5 (RFC 5280 §4.2.1.3). */
  private static final int KEY_CERT_SIGN = 5;

  private IssuingCaChecks() {}

  static void checkPair(
      CaConfig config, X509Certificate issuing, X509Certificate root, PrivateKey key, Provider bc) {
    checkRoot(root);
    if (!issuing.getIssuerX500Principal().equals(root.getSubjectX500Principal())) {
      throw new CaSetupException(
          "the issuing CA was issued by '"
              + issuing.getIssuerX500Principal()
              + "', not by the root '"
              + root.getSubjectX500Principal()
              + "'");
    }
    try {
      issuing.verify(root.getPublicKey());
    } catch (Exception e) {
      throw new CaSetupException("the issuing CA's signature does not verify under the root", e);
    }
    checkCertSigner("issuing CA", issuing);
    if (!CaCertificates.isP256(issuing.getPublicKey())) {
      throw new CaSetupException(
          "the issuing CA's key is "
              + issuing.getPublicKey().getAlgorithm()
              + "; it must be EC P-256");
    }
    if (!CaCertificates.keyMatches(key, issuing, config.random(), bc)) {
      throw new CaSetupException(
          "the CA private key does not belong to the issuing CA certificate");
    }
    checkTrustDomain(config.trustDomain(), issuing);
  }

  static void checkValidAt(Instant now, X509Certificate issuing, X509Certificate root) {
    for (X509Certificate c : List.of(issuing, root)) {
      Instant from = c.getNotBefore().toInstant();
      Instant to = c.getNotAfter().toInstant();
      if (now.isBefore(from) || now.isAfter(to)) {
        throw new CaSetupException(
            "'"
                + c.getSubjectX500Principal()
                + "' is valid "
                + from
                + " to "
                + to
                + ", not at "
                + now);
      }
    }
  }

  private static void checkRoot(X509Certificate root) {
    if (!root.getIssuerX500Principal().equals(root.getSubjectX500Principal())) {
      throw new CaSetupException("the root certificate is not self-issued");
    }
    try {
      root.verify(root.getPublicKey());
    } catch (Exception e) {
      throw new CaSetupException("the root certificate is not self-signed", e);
    }
    checkCertSigner("root", root);
  }

  private static void checkCertSigner(String what, X509Certificate c) {
    if (c.getBasicConstraints() < 0) {
      throw new CaSetupException("the " + what + " certificate is not a CA (basicConstraints cA)");
    }
    boolean[] usage = c.getKeyUsage();
    if (usage != null && (usage.length <= KEY_CERT_SIGN || !usage[KEY_CERT_SIGN])) {
      throw new CaSetupException(
          "the " + what + " certificate may not sign certificates (keyUsage)");
    }
  }

  /** An issuing CA that names a SPIFFE trust domain must name ours. */
  private static void checkTrustDomain(String trustDomain, X509Certificate issuing) {
    try {
      Collection<List<?>> names = issuing.getSubjectAlternativeNames();
      if (names == null) {
        return;
      }
      for (List<?> name : names) {
        if (Integer.valueOf(6).equals(name.get(0))) {
          URI uri = URI.create(String.valueOf(name.get(1)));
          if ("spiffe".equals(uri.getScheme()) && !trustDomain.equals(uri.getRawAuthority())) {
            throw new CaSetupException(
                "the issuing CA serves trust domain "
                    + uri.getRawAuthority()
                    + ", not "
                    + trustDomain);
          }
        }
      }
    } catch (CertificateParsingException | IllegalArgumentException e) {
      throw new CaSetupException("the issuing CA's subject alternative names are unreadable", e);
    }
  }
}
