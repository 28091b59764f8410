package dev.cordon.controller.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cordon.controller.identity.ControllerCertificate;
import dev.cordon.controller.identity.RotatingControllerCertificate;
import dev.cordon.controller.testing.Fleet;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The running server hands new TLS handshakes the renewed certificate, without a restart. */
class CertificateRotationServerTest {

  @TempDir Path dir;

  @Test
  void newHandshakesGetTheRenewedCertificateOnceTwoThirdsOfItsLifeHavePassed() throws Exception {
    try (Fleet fleet = new Fleet(dir)) {
      // The rotation decision follows the hand-moved clock; each certificate is issued at real
      // time, because the TLS client below checks validity by the system clock.
      RotatingControllerCertificate certificate =
          new RotatingControllerCertificate(
              at ->
                  ControllerCertificate.issue(
                      fleet.ca,
                      "c1",
                      List.of("localhost"),
                      List.of(InetAddress.getLoopbackAddress()),
                      Instant.now(),
                      Fleet.RANDOM),
              fleet.clock);
      ControllerServer server =
          ControllerServer.builder()
              .address(new InetSocketAddress("127.0.0.1", 0))
              .domain(fleet.domain)
              .verifier(fleet.ca.verifier(fleet.revocations))
              .keyManager(certificate)
              .clock(fleet.clock)
              .start();
      try {
        BigInteger first = servedSerial(fleet, server.port());
        assertEquals(serial(certificate), first);

        assertFalse(certificate.renewIfDue(), "nothing to renew on day one");
        assertEquals(first, servedSerial(fleet, server.port()));

        fleet.clock.advance(Duration.ofDays(21));
        assertTrue(certificate.renewIfDue(), "past 2/3 of 30 days");

        BigInteger second = servedSerial(fleet, server.port());
        assertNotEquals(first, second);
        assertEquals(serial(certificate), second);
      } finally {
        server.shutdown(Duration.ofSeconds(2));
      }
    }
  }

  private static BigInteger serial(RotatingControllerCertificate certificate) {
    return certificate.current().chain().getFirst().getSerialNumber();
  }

  /** The serial of the leaf certificate a fresh TLS 1.3 handshake is given. */
  private static BigInteger servedSerial(Fleet fleet, int port) throws Exception {
    KeyStore anchors = KeyStore.getInstance("PKCS12");
    anchors.load(null, null);
    anchors.setCertificateEntry("ca", fleet.ca.trustAnchor());
    TrustManagerFactory trust =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init(anchors);
    SSLContext context = SSLContext.getInstance("TLSv1.3");
    context.init(null, trust.getTrustManagers(), null);
    try (SSLSocket socket =
        (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", port)) {
      SSLParameters parameters = socket.getSSLParameters();
      parameters.setApplicationProtocols(new String[] {"h2"});
      parameters.setServerNames(List.of(new SNIHostName("localhost")));
      socket.setSSLParameters(parameters);
      socket.startHandshake();
      return ((X509Certificate) socket.getSession().getPeerCertificates()[0]).getSerialNumber();
    }
  }
}
