package dev.cordon.controller.ca;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** A revocation list held in memory; thread-safe. */
public final class InMemoryRevocationList implements RevocationList {

  private final Set<IssuerSerial> serials = ConcurrentHashMap.newKeySet();
  private final Set<KeyFingerprint> keys = ConcurrentHashMap.newKeySet();

  @Override
  public void revokeSerial(IssuerSerial certificate) {
    serials.add(certificate);
  }

  @Override
  public void revokeKey(KeyFingerprint key) {
    keys.add(key);
  }

  @Override
  public boolean containsSerial(IssuerSerial certificate) {
    return serials.contains(certificate);
  }

  @Override
  public boolean containsKey(KeyFingerprint key) {
    return keys.contains(key);
  }

  @Override
  public Set<IssuerSerial> revokedSerials() {
    return Set.copyOf(serials);
  }

  @Override
  public Set<KeyFingerprint> revokedKeys() {
    return Set.copyOf(keys);
  }
}
