package dev.cordon.gateway.enforce;

import java.util.Arrays;
import java.util.Base64;

/** A WireGuard static public key (32 bytes) as a map key. */
public final class PeerKey {
  public static final int LENGTH = 32;
  private final byte[] bytes;
  private final int hash;

  public PeerKey(byte[] bytes) {
    if (bytes == null || bytes.length != LENGTH) {
      throw new IllegalArgumentException("a WireGuard public key is 32 bytes");
    }
    this.bytes = bytes.clone();
    this.hash = Arrays.hashCode(this.bytes);
  }

  public byte[] bytes() {
    return bytes.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PeerKey k && Arrays.equals(bytes, k.bytes);
  }

  @Override
  public int hashCode() {
    return hash;
  }

  /** Base64, as wg(8) prints keys; public keys are not secret. */
  @Override
  public String toString() {
    return Base64.getEncoder().encodeToString(bytes);
  }
}
