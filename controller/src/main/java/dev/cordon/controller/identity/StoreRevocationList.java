package dev.cordon.controller.identity;

import dev.cordon.controller.ca.IssuerSerial;
import dev.cordon.controller.ca.KeyFingerprint;
import dev.cordon.controller.ca.RevocationList;
import dev.cordon.controller.registry.RevocationKeys;
import dev.cordon.controller.registry.StoreKeys;
import dev.cordon.controller.store.Store;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The revocation list kept in the store, so every controller sharing it refuses the same
 * certificates. A revocation, once seen, is cached (revocation is forever); a miss is read from the
 * store each time, so a revocation committed through another controller counts on the very next
 * call, with no watch lag.
 */
public final class StoreRevocationList implements RevocationList {

  private final Store store;
  private final Set<IssuerSerial> serials = ConcurrentHashMap.newKeySet();
  private final Set<KeyFingerprint> keys = ConcurrentHashMap.newKeySet();

  public StoreRevocationList(Store store) {
    this.store = store;
  }

  @Override
  public void revokeSerial(IssuerSerial certificate) {
    store.put(
        RevocationKeys.serialKey(certificate),
        (certificate.serial().toString(16) + "|" + certificate.issuer())
            .getBytes(StandardCharsets.UTF_8));
    serials.add(certificate);
  }

  @Override
  public void revokeKey(KeyFingerprint key) {
    store.put(StoreKeys.REVOKED_KEYS + key.hex(), key.hex().getBytes(StandardCharsets.UTF_8));
    keys.add(key);
  }

  @Override
  public boolean containsSerial(IssuerSerial certificate) {
    if (serials.contains(certificate)) {
      return true;
    }
    boolean revoked = store.get(RevocationKeys.serialKey(certificate)).isPresent();
    if (revoked) {
      serials.add(certificate);
    }
    return revoked;
  }

  @Override
  public boolean containsKey(KeyFingerprint key) {
    if (keys.contains(key)) {
      return true;
    }
    boolean revoked = store.get(StoreKeys.REVOKED_KEYS + key.hex()).isPresent();
    if (revoked) {
      keys.add(key);
    }
    return revoked;
  }

  @Override
  public Set<IssuerSerial> revokedSerials() {
    return store.range(StoreKeys.REVOKED_SERIALS).kvs().stream()
        .map(kv -> RevocationKeys.readSerial(kv.value()))
        .collect(Collectors.toUnmodifiableSet());
  }

  @Override
  public Set<KeyFingerprint> revokedKeys() {
    return store.range(StoreKeys.REVOKED_KEYS).kvs().stream()
        .map(kv -> RevocationKeys.readKey(kv.value()))
        .collect(Collectors.toUnmodifiableSet());
  }
}
