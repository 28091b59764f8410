package dev.cordon.controller.api;

import dev.cordon.controller.ca.EcdsaProviders;
import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The TLS layer's only check of a client certificate: it must be signed by our issuing CA. Time,
 * revocation, SPIFFE ID and kind are judged after the handshake by the {@link
 * dev.cordon.controller.ca.Verifier} in {@link AccessInterceptor}, so that a revoked or expired
 * certificate gets a gRPC status rather than a torn handshake. The handshake itself proves the
 * client holds the certificate's private key.
 */
final class IssuedByUsTrustManager extends X509ExtendedTrustManager {

  private final X509Certificate issuing;
  private final List<X509Certificate> acceptedIssuers;

  IssuedByUsTrustManager(X509Certificate issuing, List<X509Certificate> bundle) {
    this.issuing = issuing;
    this.acceptedIssuers = List.copyOf(bundle);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    if (chain == null || chain.length == 0) {
      throw new CertificateException("no client certificate");
    }
    try {
      chain[0].verify(issuing.getPublicKey(), EcdsaProviders.current().verifying());
    } catch (java.security.GeneralSecurityException e) {
      throw new CertificateException("the client certificate was not issued by this CA");
    }
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
  public void checkServerTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    throw new CertificateException("the controller never acts as a TLS client here");
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    checkServerTrusted(chain, authType);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    checkServerTrusted(chain, authType);
  }

  @Override
  public X509Certificate[] getAcceptedIssuers() {
    return acceptedIssuers.toArray(X509Certificate[]::new);
  }
}
