package dev.cordon.client.identity;

import java.security.SecureRandom;
import java.util.Base64;
import org.bouncycastle.math.ec.rfc7748.X25519;

/**
 * A WireGuard static key pair (X25519, 32 raw bytes each). The private half is generated here and
 * only ever written to this device's 0600 files; {@link #toString()} never shows it.
 */
public record WireGuardKeyPair(byte[] privateKey, byte[] publicKey) {

  public static final int KEY_BYTES = X25519.SCALAR_SIZE;

  public WireGuardKeyPair {
    if (privateKey.length != KEY_BYTES || publicKey.length != KEY_BYTES) {
      throw new IllegalArgumentException("X25519 keys are 32 bytes");
    }
    privateKey = privateKey.clone();
    publicKey = publicKey.clone();
  }

  /** A fresh pair: a clamped random scalar and its public point. */
  public static WireGuardKeyPair generate(SecureRandom random) {
    byte[] privateKey = new byte[KEY_BYTES];
    X25519.generatePrivateKey(random, privateKey);
    return fromPrivate(privateKey);
  }

  /** The pair of a stored private key. */
  public static WireGuardKeyPair fromPrivate(byte[] privateKey) {
    byte[] publicKey = new byte[KEY_BYTES];
    X25519.generatePublicKey(privateKey, 0, publicKey, 0);
    return new WireGuardKeyPair(privateKey, publicKey);
  }

  @Override
  public byte[] privateKey() {
    return privateKey.clone();
  }

  @Override
  public byte[] publicKey() {
    return publicKey.clone();
  }

  /** The private key as wg(8) writes it: standard base64. Secret. */
  public String privateKeyBase64() {
    return Base64.getEncoder().encodeToString(privateKey);
  }

  public String publicKeyBase64() {
    return Base64.getEncoder().encodeToString(publicKey);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof WireGuardKeyPair that
        && java.security.MessageDigest.isEqual(privateKey, that.privateKey);
  }

  @Override
  public int hashCode() {
    return java.util.Arrays.hashCode(publicKey);
  }

  @Override
  public String toString() {
    return "WireGuardKeyPair[public=" + publicKeyBase64() + "]";
  }
}
