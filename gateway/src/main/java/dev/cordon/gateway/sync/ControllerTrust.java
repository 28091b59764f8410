package dev.cordon.gateway.sync;

import dev.cordon.gateway.identity.TrustBundle;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Accepts a server only if its chain leads to the deployment's CA bundle and its leaf carries
 * {@code spiffe://<trust domain>/controller/<name>}. Host names are not checked on purpose: every
 * principal's certificate comes from the same CA, so the SPIFFE identity (not the address the
 * gateway was told to dial) is what says "controller". Refuses to judge clients.
 *
 * <p>The bundle is the {@link TrustBundle} a certificate renewal replaces, read once per check:
 * after a CA rotation the next handshake is judged under the new bundle, with no restart and no new
 * SSL context, while connections already open are left alone.
 */
final class ControllerTrust extends X509ExtendedTrustManager {
  private static final int URI_SAN = 6;
  private final TrustBundle bundle;
  private final String trustDomain;

  ControllerTrust(TrustBundle bundle, String trustDomain) {
    this.bundle = bundle;
    this.trustDomain = trustDomain;
  }

  void verify(X509Certificate[] chain) throws CertificateException {
    List<X509Certificate> anchors = bundle.current();
    if (chain == null || chain.length == 0) throw new CertificateException("no server chain");
    List<X509Certificate> path = new ArrayList<>();
    for (X509Certificate c : chain) if (!anchors.contains(c)) path.add(c);
    if (path.isEmpty()) throw new CertificateException("the server presented only a CA");
    Set<TrustAnchor> trust = new HashSet<>();
    for (X509Certificate a : anchors) trust.add(new TrustAnchor(a, null));
    try {
      PKIXParameters params = new PKIXParameters(trust);
      params.setRevocationEnabled(false);
      CertPathValidator.getInstance("PKIX")
          .validate(CertificateFactory.getInstance("X.509").generateCertPath(path), params);
    } catch (GeneralSecurityException e) {
      throw new CertificateException("the controller's chain is not valid under the CA", e);
    }
    String prefix = "spiffe://" + trustDomain + "/controller/";
    var sans = path.getFirst().getSubjectAlternativeNames();
    if (sans != null) {
      for (List<?> san : sans) {
        if (san.size() == 2
            && Integer.valueOf(URI_SAN).equals(san.get(0))
            && san.get(1) instanceof String uri
            && uri.startsWith(prefix)
            && uri.length() > prefix.length()) {
          return;
        }
      }
    }
    throw new CertificateException("the server is not a controller of " + trustDomain);
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
    throw new CertificateException("the gateway does not accept TLS clients");
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    throw new CertificateException("the gateway does not accept TLS clients");
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    throw new CertificateException("the gateway does not accept TLS clients");
  }

  @Override
  public X509Certificate[] getAcceptedIssuers() {
    return bundle.current().toArray(X509Certificate[]::new);
  }
}
