package dev.cordon.client.identity;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateParsingException;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Date;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Decides whether the server at the other end of a TLS connection is a controller of our
 * deployment. Used instead of the JDK's default trust manager, for two reasons:
 *
 * <ol>
 *   <li><b>Pinning at enrollment.</b> Before enrolling the device holds no CA certificate, only the
 *       SHA-256 fingerprint of the CA's DER in the token. The controller presents its chain up to
 *       and including that CA; we accept the chain only if one of its certificates hashes to the
 *       fingerprint, and then validate the rest of the chain (signatures, validity, CA constraints,
 *       by PKIX) with that certificate as the single trust anchor. A certificate that merely claims
 *       the CA's name without its exact bytes fails the hash, and a server whose chain is signed by
 *       another CA fails validation. Fetching the CA first over an unauthenticated channel and
 *       comparing afterwards would be equivalent but adds a round trip and a window where unpinned
 *       data is parsed; the hash check is done inside the handshake instead.
 *   <li><b>Identity, not host names.</b> Every principal's certificate comes from the same CA, so
 *       "signed by our CA" alone would let any enrolled device impersonate the controller. The leaf
 *       must carry the URI SAN {@code spiffe://<trust domain>/controller/<name>}. Host names are
 *       deliberately not checked: devices reach controllers by addresses that change, and the
 *       SPIFFE identity is what the CA vouches for.
 * </ol>
 *
 * After enrollment the same checks run with the stored CA bundle as anchors ({@link #anchoredIn}).
 * Revocation is not checked here: controller certificates are short-lived and the CA rotates
 * through renewal. This manager only judges servers; asked about a client it refuses.
 */
public final class ControllerTrustManager extends X509ExtendedTrustManager {

  private static final int URI_SAN = 6;

  private final byte[] pinnedFingerprint;
  private final List<X509Certificate> anchors;
  private final String trustDomain;
  private final Clock clock;

  private ControllerTrustManager(
      byte[] pinnedFingerprint, List<X509Certificate> anchors, String trustDomain, Clock clock) {
    this.pinnedFingerprint = pinnedFingerprint;
    this.anchors = anchors;
    this.trustDomain = trustDomain;
    this.clock = clock;
  }

  /** Trusts only chains that contain the CA with this SHA-256 DER fingerprint. */
  public static ControllerTrustManager pinned(
      byte[] caFingerprint, String trustDomain, Clock clock) {
    if (caFingerprint.length != 32) {
      throw new IllegalArgumentException("a CA fingerprint is 32 bytes");
    }
    return new ControllerTrustManager(caFingerprint.clone(), List.of(), trustDomain, clock);
  }

  /** Trusts only chains that lead to one of these CA certificates. */
  public static ControllerTrustManager anchoredIn(
      List<X509Certificate> caBundle, String trustDomain, Clock clock) {
    if (caBundle.isEmpty()) {
      throw new IllegalArgumentException("the CA bundle is empty");
    }
    return new ControllerTrustManager(null, List.copyOf(caBundle), trustDomain, clock);
  }

  /** SHA-256 of a certificate's DER, the form tokens pin. */
  public static byte[] fingerprint(X509Certificate certificate) throws CertificateException {
    try {
      return MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  /** The whole decision, for a chain as the server sent it (leaf first). */
  public void verify(X509Certificate[] chain) throws CertificateException {
    if (chain == null || chain.length == 0) {
      throw new CertificateException("the server sent no certificate");
    }
    List<X509Certificate> path = new ArrayList<>();
    Set<TrustAnchor> trustAnchors = new HashSet<>();
    if (pinnedFingerprint != null) {
      int pinned = indexOfPinned(chain);
      path.addAll(Arrays.asList(chain).subList(0, pinned));
      trustAnchors.add(new TrustAnchor(chain[pinned], null));
    } else {
      for (X509Certificate certificate : chain) {
        if (!anchors.contains(certificate)) {
          path.add(certificate);
        }
      }
      for (X509Certificate anchor : anchors) {
        trustAnchors.add(new TrustAnchor(anchor, null));
      }
    }
    if (path.isEmpty()) {
      throw new CertificateException("the server presented only a CA certificate, no identity");
    }
    validate(path, trustAnchors);
    checkControllerIdentity(path.getFirst());
  }

  private int indexOfPinned(X509Certificate[] chain) throws CertificateException {
    List<String> seen = new ArrayList<>();
    for (int i = 0; i < chain.length; i++) {
      byte[] fingerprint = fingerprint(chain[i]);
      if (MessageDigest.isEqual(fingerprint, pinnedFingerprint)) {
        return i;
      }
      seen.add(HexFormat.of().formatHex(fingerprint));
    }
    throw new CaFingerprintMismatchException(
        "the controller's certificate chain does not lead to the CA named in the token (expected"
            + " CA sha256 "
            + HexFormat.of().formatHex(pinnedFingerprint)
            + ", the chain holds "
            + String.join(", ", seen)
            + ")");
  }

  private void validate(List<X509Certificate> path, Set<TrustAnchor> trustAnchors)
      throws CertificateException {
    try {
      PKIXParameters parameters = new PKIXParameters(trustAnchors);
      parameters.setRevocationEnabled(false);
      parameters.setDate(Date.from(clock.instant()));
      CertPathValidator.getInstance("PKIX")
          .validate(CertificateFactory.getInstance("X.509").generateCertPath(path), parameters);
    } catch (GeneralSecurityException e) {
      throw new CertificateException(
          "the controller's certificate is not valid under the CA: " + e.getMessage(), e);
    }
  }

  private void checkControllerIdentity(X509Certificate leaf) throws CertificateException {
    String expected = "spiffe://" + trustDomain + "/controller/";
    Optional<String> identity =
        uriSans(leaf).stream().filter(u -> u.startsWith("spiffe://")).findFirst();
    if (identity.isEmpty()
        || !identity.get().startsWith(expected)
        || identity.get().length() == expected.length()) {
      throw new CertificateException(
          "the server is not a controller of trust domain '"
              + trustDomain
              + "': its identity is "
              + identity.orElse("(none)"));
    }
  }

  private static List<String> uriSans(X509Certificate certificate)
      throws CertificateParsingException {
    Collection<List<?>> names = certificate.getSubjectAlternativeNames();
    List<String> uris = new ArrayList<>();
    if (names != null) {
      for (List<?> name : names) {
        if (name.size() == 2 && Integer.valueOf(URI_SAN).equals(name.get(0))) {
          uris.add(String.valueOf(name.get(1)));
        }
      }
    }
    return uris;
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    verify(chain);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    verify(chain);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    verify(chain);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    throw new CertificateException("this trust manager judges controllers, not clients");
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    checkClientTrusted(chain, authType);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    checkClientTrusted(chain, authType);
  }

  @Override
  public X509Certificate[] getAcceptedIssuers() {
    return anchors.toArray(X509Certificate[]::new);
  }
}
