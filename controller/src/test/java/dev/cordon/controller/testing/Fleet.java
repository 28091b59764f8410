package dev.cordon.controller.testing;

import dev.cordon.controller.api.ControllerDomain;
import dev.cordon.controller.api.ProtoTokenCodec;
import dev.cordon.controller.audit.AuditLog;
import dev.cordon.controller.ca.CaConfig;
import dev.cordon.controller.ca.CertificateAuthority;
import dev.cordon.controller.ca.WireGuardPublicKey;
import dev.cordon.controller.enroll.Enrollment;
import dev.cordon.controller.enroll.EnrollmentRequest;
import dev.cordon.controller.enroll.Tokens;
import dev.cordon.controller.identity.Administrators;
import dev.cordon.controller.identity.LocalKeys;
import dev.cordon.controller.identity.Renewal;
import dev.cordon.controller.identity.StoreRevocationList;
import dev.cordon.controller.ipam.AddressPool;
import dev.cordon.controller.ipam.Ipam;
import dev.cordon.controller.registry.Registry;
import dev.cordon.controller.registry.RegistryListener;
import dev.cordon.controller.store.SqliteStoreOptions;
import dev.cordon.controller.store.Store;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Arrays;

/**
 * A whole controller domain on a real SQLite store in a temp directory, with a hand-moved clock.
 * Devices here make their own keys, as real ones do.
 */
public final class Fleet implements AutoCloseable {

  // Real time: TLS clients check validity by the system clock.
  public static final Instant START =
      Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
  public static final String DOMAIN = "cordon.local";
  public static final SecureRandom RANDOM = new SecureRandom();

  public final MutableClock clock = new MutableClock(START);
  public final Store store;
  public final CertificateAuthority ca;
  public final StoreRevocationList revocations;
  public final AuditLog audit;
  public final ProtoTokenCodec codec = new ProtoTokenCodec();
  public final ControllerDomain domain;

  public Fleet(Path dir) {
    this(dir, AddressPool.DEFAULT, RegistryListener.NONE);
  }

  public Fleet(Path dir, AddressPool pool, RegistryListener listener) {
    store = Store.openSqlite(dir.resolve("store"), SqliteStoreOptions.DEFAULT);
    ca = CertificateAuthority.createOrLoad(CaConfig.of(dir.resolve("ca"), DOMAIN), START);
    revocations = new StoreRevocationList(store);
    audit = new AuditLog(store, clock, "test-controller");
    Registry registry = new Registry(store, clock, audit, listener);
    domain =
        new ControllerDomain(
            ca,
            new Tokens(
                store, clock, audit, codec, RANDOM, "127.0.0.1:7443", ca.fingerprint(), DOMAIN),
            new Enrollment(store, clock, ca, new Ipam(store, pool), audit, codec, RANDOM, listener),
            registry,
            new Renewal(registry, ca, audit, clock),
            new Administrators(store, ca, audit, clock),
            audit);
  }

  public Tokens tokens() {
    return domain.tokens();
  }

  public Enrollment enrollment() {
    return domain.enrollment();
  }

  public Registry registry() {
    return domain.registry();
  }

  /** A device's own keys: a P-256 TLS key and an X25519 WireGuard key. */
  public record DeviceKeys(KeyPair tls, WireGuardPublicKey wireGuard) {
    public byte[] csr() {
      return LocalKeys.csr(tls);
    }

    public EnrollmentRequest request(String token) {
      return new EnrollmentRequest(token, csr(), wireGuard.bytes(), false);
    }
  }

  public static DeviceKeys deviceKeys() {
    return new DeviceKeys(LocalKeys.p256(RANDOM), wireGuardKey());
  }

  public static WireGuardPublicKey wireGuardKey() {
    try {
      byte[] spki =
          KeyPairGenerator.getInstance("X25519").generateKeyPair().getPublic().getEncoded();
      return WireGuardPublicKey.of(Arrays.copyOfRange(spki, spki.length - 32, spki.length));
    } catch (GeneralSecurityException e) {
      throw new AssertionError(e);
    }
  }

  @Override
  public void close() {
    store.close();
  }
}
