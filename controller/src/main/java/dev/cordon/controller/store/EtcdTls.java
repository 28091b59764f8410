package dev.cordon.controller.store;

import io.netty.handler.ssl.SslContextBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/**
 * TLS to etcd: the CA that signed etcd's server certificates, and optionally this controller's
 * client certificate and key (PEM; PKCS#8 or SEC1 keys) for etcd's {@code --client-cert-auth}.
 * Every file is read when the store connects, so a missing or unreadable one stops the controller
 * at start with its name, not at the first request.
 *
 * @param ca etcd's CA certificate(s), PEM
 * @param cert the client certificate chain, PEM, leaf first; present exactly when {@code key} is
 * @param key the client certificate's private key, PEM, unencrypted
 */
public record EtcdTls(Path ca, Optional<Path> cert, Optional<Path> key) {

  public EtcdTls {
    Objects.requireNonNull(ca, "ca");
    Objects.requireNonNull(cert, "cert");
    Objects.requireNonNull(key, "key");
    if (cert.isPresent() != key.isPresent()) {
      throw new IllegalArgumentException(
          "an etcd client certificate needs its key and a key its certificate: give --etcd-cert"
              + " and --etcd-key together");
    }
  }

  /** Server authentication only: etcd does not ask for a client certificate. */
  public static EtcdTls serverOnly(Path ca) {
    return new EtcdTls(ca, Optional.empty(), Optional.empty());
  }

  public static EtcdTls mutual(Path ca, Path cert, Path key) {
    return new EtcdTls(ca, Optional.of(cert), Optional.of(key));
  }

  /** Puts the trust anchors and client key into jetcd's TLS context. */
  void configure(SslContextBuilder tls) {
    tls.trustManager(certificates("--etcd-ca", ca).toArray(X509Certificate[]::new));
    if (cert.isPresent()) {
      List<X509Certificate> chain = certificates("--etcd-cert", cert.get());
      tls.keyManager(privateKey("--etcd-key", key.get()), chain.toArray(X509Certificate[]::new));
    }
  }

  /**
   * Tries one TLS handshake to {@code host:port} with these files, the host name checked as gRPC
   * checks it. Empty when it succeeds or fails for a reason other than TLS; else the TLS reason.
   * jetcd retries failed handshakes until its deadline and reports only the timeout, so this is how
   * a start-up failure learns that the CA was wrong.
   */
  public Optional<String> handshakeFailure(String host, int port, Duration timeout) {
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keyManagers(), trustManagers(), null);
      try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket()) {
        socket.connect(new InetSocketAddress(host, port), (int) timeout.toMillis());
        socket.setSoTimeout((int) timeout.toMillis());
        SSLParameters parameters = socket.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        socket.setSSLParameters(parameters);
        socket.startHandshake();
        return Optional.empty();
      }
    } catch (SSLException e) {
      return Optional.of(e.getMessage());
    } catch (IOException | GeneralSecurityException e) {
      return Optional.empty();
    }
  }

  private TrustManager[] trustManagers() throws GeneralSecurityException, IOException {
    KeyStore anchors = KeyStore.getInstance("PKCS12");
    anchors.load(null, null);
    int n = 0;
    for (X509Certificate c : certificates("--etcd-ca", ca)) {
      anchors.setCertificateEntry("ca-" + n++, c);
    }
    TrustManagerFactory factory =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(anchors);
    return factory.getTrustManagers();
  }

  private KeyManager[] keyManagers() throws GeneralSecurityException, IOException {
    if (cert.isEmpty()) {
      return null;
    }
    KeyStore own = KeyStore.getInstance("PKCS12");
    own.load(null, null);
    own.setKeyEntry(
        "client",
        privateKey("--etcd-key", key.get()),
        new char[0],
        certificates("--etcd-cert", cert.get()).toArray(X509Certificate[]::new));
    KeyManagerFactory factory =
        KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    factory.init(own, new char[0]);
    return factory.getKeyManagers();
  }

  private static byte[] read(String flag, Path file) {
    if (!Files.exists(file)) {
      throw new IllegalArgumentException(flag + " " + file + ": no such file");
    }
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          flag + " " + file + ": cannot read it (" + e.getClass().getSimpleName() + ")", e);
    }
  }

  private static List<X509Certificate> certificates(String flag, Path file) {
    byte[] pem = read(flag, file);
    try (InputStream in = new java.io.ByteArrayInputStream(pem)) {
      List<X509Certificate> certs =
          CertificateFactory.getInstance("X.509").generateCertificates(in).stream()
              .map(X509Certificate.class::cast)
              .toList();
      if (certs.isEmpty()) {
        throw new IllegalArgumentException(flag + " " + file + ": holds no PEM certificate");
      }
      return certs;
    } catch (CertificateException | IOException e) {
      throw new IllegalArgumentException(
          flag + " " + file + ": not a PEM certificate (" + e.getMessage() + ")", e);
    }
  }

  private static PrivateKey privateKey(String flag, Path file) {
    String pem = new String(read(flag, file), StandardCharsets.US_ASCII);
    try (PEMParser parser = new PEMParser(new StringReader(pem))) {
      JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
      return switch (parser.readObject()) {
        case PrivateKeyInfo info -> converter.getPrivateKey(info);
        case PEMKeyPair pair -> converter.getPrivateKey(pair.getPrivateKeyInfo());
        case null -> throw new IllegalArgumentException(flag + " " + file + ": holds no PEM key");
        default ->
            throw new IllegalArgumentException(
                flag + " " + file + ": not an unencrypted PEM private key");
      };
    } catch (IOException e) {
      // The parser's complaint names the structure, never key bytes.
      throw new IllegalArgumentException(
          flag + " " + file + ": not a readable PEM private key (" + e.getMessage() + ")", e);
    }
  }
}
