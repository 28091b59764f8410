package dev.cordon.controller.ca;

import java.security.cert.X509Certificate;
import java.util.Set;

/**
 * Revoked certificates, by issuer and serial and by public key. Revoking a certificate revokes
 * both, so a re-encoded copy or a new certificate for the same key stays revoked.
 *
 * <p>{@link InMemoryRevocationList} is the plain implementation; the controller can wrap or replace
 * it with one backed by its store. Implementations must be thread-safe; revoking is idempotent and
 * so safe to retry.
 */
public interface RevocationList {

  void revokeSerial(IssuerSerial certificate);

  void revokeKey(KeyFingerprint key);

  boolean containsSerial(IssuerSerial certificate);

  boolean containsKey(KeyFingerprint key);

  /** Snapshots, for persisting and for pushing to gateways. */
  Set<IssuerSerial> revokedSerials();

  Set<KeyFingerprint> revokedKeys();

  /** Revokes this certificate and every other certificate for its key. */
  default void revoke(X509Certificate certificate) {
    revokeSerial(IssuerSerial.of(certificate));
    revokeKey(KeyFingerprint.of(certificate));
  }

  default boolean isRevoked(X509Certificate certificate) {
    return containsSerial(IssuerSerial.of(certificate))
        || containsKey(KeyFingerprint.of(certificate));
  }
}
