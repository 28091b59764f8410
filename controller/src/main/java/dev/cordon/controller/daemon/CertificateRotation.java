package dev.cordon.controller.daemon;

import dev.cordon.controller.identity.RotatingControllerCertificate;
import java.io.PrintWriter;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Keeps the running controller's TLS certificate fresh: asks {@link RotatingControllerCertificate}
 * to renew on a schedule (a tenth of the certificate's life, 1 s to 1 min) and says when it did.
 * Nothing is restarted: the next TLS handshake simply gets the new certificate.
 */
final class CertificateRotation implements AutoCloseable {

  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          r -> Thread.ofPlatform().daemon().name("cordon-controller-certificate").unstarted(r));

  CertificateRotation(RotatingControllerCertificate certificate, PrintWriter out) {
    long every = certificate.checkEvery().toMillis();
    timer.scheduleWithFixedDelay(
        () -> {
          try {
            if (certificate.renewIfDue()) {
              out.printf(
                  "controller TLS certificate renewed; valid until %s%n",
                  certificate.current().chain().getFirst().getNotAfter().toInstant());
              out.flush();
            }
          } catch (RuntimeException e) {
            // The current certificate stays in use; the next tick tries again.
            out.printf(
                "controller TLS certificate renewal failed, will retry: %s%n", e.getMessage());
            out.flush();
          }
        },
        every,
        every,
        TimeUnit.MILLISECONDS);
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
