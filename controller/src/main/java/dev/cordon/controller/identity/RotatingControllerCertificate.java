package dev.cordon.controller.identity;

import dev.cordon.controller.ca.RenewalPolicy;
import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * The controller's TLS identity as a key manager whose certificate is replaced while the server
 * runs: {@link #renewIfDue} issues a new one (new key, kept in memory only) from 2/3 of the current
 * one's life, and the next handshake uses it. Handshakes already under way finish with the
 * certificate they chose: each generation has its own alias, and the previous generation stays
 * resolvable until the one after it replaces it.
 *
 * <p>To serve with it, the gRPC server's TLS context must be built from this key manager (Netty's
 * {@code SslContextBuilder.forServer(KeyManager)}) instead of from a fixed key and chain.
 */
public final class RotatingControllerCertificate extends X509ExtendedKeyManager {

  private record Generation(String alias, ControllerCertificate certificate) {}

  private final Function<java.time.Instant, ControllerCertificate> issuer;
  private final Clock clock;
  private volatile Generation current;
  private volatile Generation previous;
  private long generations;

  /**
   * @param issuer issues a fresh certificate valid from the given time (see {@link
   *     ControllerCertificate#issue})
   */
  public RotatingControllerCertificate(
      Function<java.time.Instant, ControllerCertificate> issuer, Clock clock) {
    this.issuer = Objects.requireNonNull(issuer);
    this.clock = Objects.requireNonNull(clock);
    this.current = next();
    this.previous = current;
  }

  private Generation next() {
    return new Generation("controller-" + generations++, issuer.apply(clock.instant()));
  }

  /** The certificate new handshakes get. */
  public ControllerCertificate current() {
    return current.certificate();
  }

  /**
   * Replaces the certificate once 2/3 of its life has passed; returns whether it did. Call it
   * periodically (see {@link #checkEvery}); safe to call at any rate.
   */
  public synchronized boolean renewIfDue() {
    X509Certificate leaf = current.certificate().chain().getFirst();
    if (clock.instant().isBefore(RenewalPolicy.renewableFrom(leaf))) {
      return false;
    }
    Generation replacement = next();
    previous = current;
    current = replacement;
    return true;
  }

  /** How often to call {@link #renewIfDue}: a tenth of the life, between 1 s and 1 min. */
  public Duration checkEvery() {
    X509Certificate leaf = current.certificate().chain().getFirst();
    Duration life =
        Duration.between(leaf.getNotBefore().toInstant(), leaf.getNotAfter().toInstant());
    Duration tenth = life.dividedBy(10);
    if (tenth.compareTo(Duration.ofSeconds(1)) < 0) {
      return Duration.ofSeconds(1);
    }
    return tenth.compareTo(Duration.ofMinutes(1)) > 0 ? Duration.ofMinutes(1) : tenth;
  }

  private Generation byAlias(String alias) {
    Generation now = current;
    if (now.alias().equals(alias)) {
      return now;
    }
    Generation before = previous;
    return before.alias().equals(alias) ? before : null;
  }

  @Override
  public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
    return chooseServerAlias(keyType, issuers, null);
  }

  @Override
  public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
    // The key is always P-256: answer only for EC, so the provider picks an EC suite.
    return "EC".equals(keyType) ? current.alias() : null;
  }

  @Override
  public String[] getServerAliases(String keyType, Principal[] issuers) {
    return "EC".equals(keyType) ? new String[] {current.alias()} : null;
  }

  @Override
  public X509Certificate[] getCertificateChain(String alias) {
    Generation g = byAlias(alias);
    return g == null ? null : g.certificate().chain().toArray(X509Certificate[]::new);
  }

  @Override
  public PrivateKey getPrivateKey(String alias) {
    Generation g = byAlias(alias);
    return g == null ? null : g.certificate().key();
  }

  @Override
  public String[] getClientAliases(String keyType, Principal[] issuers) {
    return null;
  }

  @Override
  public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
    return null;
  }

  @Override
  public String toString() {
    return "RotatingControllerCertificate[" + current.alias() + ", keys hidden]";
  }
}
