package dev.cordon.controller.ca;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;

/** A device's or gateway's X25519 static public key: 32 bytes, shown in base64 as wg does. */
public final class WireGuardPublicKey {

  public static final int LENGTH = 32;

  private final byte[] bytes;

  private WireGuardPublicKey(byte[] bytes) {
    this.bytes = bytes;
  }

  /**
   * @throws IllegalArgumentException if the key is not 32 bytes, or is all zeros (the identity
   *     point, which WireGuard itself rejects because every shared secret with it is zero)
   */
  public static WireGuardPublicKey of(byte[] bytes) {
    if (bytes.length != LENGTH) {
      throw new IllegalArgumentException(
          "a WireGuard public key is " + LENGTH + " bytes, got " + bytes.length);
    }
    if (MessageDigest.isEqual(bytes, new byte[LENGTH])) {
      throw new IllegalArgumentException("a WireGuard public key of all zeros is not a usable key");
    }
    return new WireGuardPublicKey(bytes.clone());
  }

  /** Parses the base64 form that {@code wg pubkey} prints. */
  public static WireGuardPublicKey ofBase64(String base64) {
    try {
      return of(Base64.getDecoder().decode(base64.strip()));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("not a base64 WireGuard public key: " + e.getMessage(), e);
    }
  }

  public byte[] bytes() {
    return bytes.clone();
  }

  public String base64() {
    return Base64.getEncoder().encodeToString(bytes);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof WireGuardPublicKey other && Arrays.equals(bytes, other.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return base64();
  }
}
