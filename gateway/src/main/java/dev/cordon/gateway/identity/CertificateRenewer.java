package dev.cordon.gateway.identity;

import com.google.protobuf.ByteString;
import dev.cordon.gateway.sync.Backoff;
import dev.cordon.proto.v1.RenewRequest;
import dev.cordon.proto.v1.RenewResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps the gateway's certificate alive: at 2/3 of its life, a fresh key, a CSR, the controller's
 * Renew call, a check that the new leaf certifies the key sent, the atomic swap of the files in the
 * state directory, then the swap of what the controller session presents and of the CA bundle it
 * trusts the controller under (so a CA rotation, which arrives in a renewal, needs no restart).
 * Until all of that succeeded the old certificate stays in use everywhere; a failure is retried
 * with backoff. A renewal whose CA bundle is missing or does not parse still installs the
 * certificate, but keeps the bundle in use, on disk and in memory alike, so a restart trusts what
 * the running gateway trusted. Nothing here touches enforcement: the device and the table do not
 * depend on the certificate.
 */
public final class CertificateRenewer implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(CertificateRenewer.class.getName());

  /** Bounds one sleep, so a suspended host or a stepped clock is noticed within this. */
  static final Duration LONGEST_SLEEP = Duration.ofMinutes(10);

  /** The controller's Renew call (over the gateway's mTLS session). */
  @FunctionalInterface
  public interface Authority {
    RenewResponse renew(RenewRequest request);
  }

  /** Told about each attempt's outcome, on the renewal thread. */
  public interface Listener {
    void renewed(X509Certificate leaf);

    void failed(String why, Duration retryIn);
  }

  private final Path stateDir;
  private final RenewableKeyManager keys;
  private final TrustBundle trust;
  private final Authority authority;
  private final Backoff backoff;
  private final SecureRandom random;
  private final InstantSource clock;
  private final Listener listener;
  private volatile boolean closed;
  private volatile Instant due;

  public CertificateRenewer(
      Path stateDir,
      RenewableKeyManager keys,
      TrustBundle trust,
      Authority authority,
      Backoff backoff,
      SecureRandom random,
      InstantSource clock,
      Listener listener) {
    this.stateDir = stateDir;
    this.keys = keys;
    this.trust = trust;
    this.authority = authority;
    this.backoff = backoff;
    this.random = random;
    this.clock = clock;
    this.listener = listener;
    this.due = RenewalSchedule.renewAt(keys.current().leaf());
  }

  /** How long until the current certificate is due for renewal; zero when it is due. */
  public Duration untilDue() {
    Duration d = Duration.between(clock.instant(), due);
    return d.isNegative() ? Duration.ZERO : d;
  }

  /** Renews if due, else does nothing; returns how long to wait before the next step. */
  public Duration step() {
    Duration wait = untilDue();
    return wait.isZero() ? attempt() : wait;
  }

  /** One renewal attempt now; returns the wait before the next step. */
  public Duration attempt() {
    Instant now = clock.instant();
    X509Certificate old = keys.current().leaf();
    try {
      KeyPair key = CertificateRequest.freshKey(random);
      RenewResponse response =
          authority.renew(
              RenewRequest.newBuilder()
                  .setCsrDer(ByteString.copyFrom(CertificateRequest.der(key)))
                  .build());
      List<X509Certificate> chain = certificates(response.getCertificateChainList());
      if (chain.isEmpty()) {
        throw new GeneralSecurityException("the controller's renewal carried no certificate");
      }
      if (!Arrays.equals(
          chain.getFirst().getPublicKey().getEncoded(), key.getPublic().getEncoded())) {
        throw new GeneralSecurityException("the renewed certificate is not for the key sent");
      }
      var renewed = new RenewableKeyManager.Identity(key.getPrivate(), chain);
      List<X509Certificate> bundle = offeredBundle(response.getCaBundleList());
      CredentialFiles.replace(stateDir, renewed, bundle);
      keys.swap(renewed);
      if (!bundle.isEmpty()) trust.replace(bundle);
      due = RenewalSchedule.renewAt(clock.instant(), renewed.leaf());
      backoff.reset();
      listener.renewed(renewed.leaf());
      return untilDue();
    } catch (RuntimeException | IOException | GeneralSecurityException e) {
      Duration retry =
          RenewalSchedule.retryAfter(now, old, Duration.ofMillis(backoff.nextDelayMillis()));
      listener.failed(e.getClass().getSimpleName() + ": " + e.getMessage(), retry);
      return retry;
    }
  }

  /** Runs {@link #step} on {@code scheduler} from now until {@link #close}. */
  public void start(ScheduledExecutorService scheduler) {
    schedule(scheduler, Duration.ZERO);
  }

  private void schedule(ScheduledExecutorService scheduler, Duration wait) {
    if (closed) return;
    long millis = Math.min(wait.toMillis(), LONGEST_SLEEP.toMillis());
    try {
      scheduler.schedule(
          () -> {
            Duration next;
            try {
              next = step();
            } catch (RuntimeException e) {
              LOG.log(Level.WARNING, "certificate renewal step failed", e);
              next = RenewalSchedule.MIN_RETRY.multipliedBy(30);
            }
            schedule(scheduler, next);
          },
          millis,
          TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      // The scheduler is shutting down with the gateway.
    }
  }

  /**
   * The CA bundle a renewal offers, or an empty list when it offers none or one that does not parse
   * (logged). An empty list keeps the bundle in use: trusting nothing would cut the gateway off
   * from its controller, and a broken bundle is no reason to refuse a good certificate.
   */
  private static List<X509Certificate> offeredBundle(List<ByteString> ders) {
    if (ders.isEmpty()) {
      LOG.warning("the renewal carried no CA bundle; kept the one in use");
      return List.of();
    }
    try {
      return certificates(ders);
    } catch (GeneralSecurityException e) {
      LOG.warning(
          "the renewal's CA bundle does not parse (" + e.getMessage() + "); kept the one in use");
      return List.of();
    }
  }

  private static List<X509Certificate> certificates(List<ByteString> ders)
      throws GeneralSecurityException {
    var factory = CertificateFactory.getInstance("X.509");
    List<X509Certificate> out = new ArrayList<>();
    for (ByteString der : ders) {
      out.add(
          (X509Certificate)
              factory.generateCertificate(new ByteArrayInputStream(der.toByteArray())));
    }
    return out;
  }

  @Override
  public void close() {
    closed = true;
  }
}
