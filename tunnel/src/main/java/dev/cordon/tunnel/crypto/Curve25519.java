package dev.cordon.tunnel.crypto;

import org.bouncycastle.math.ec.rfc7748.X25519;

/** X25519 key generation and agreement (RFC 7748), refusing all-zero shared secrets. */
public final class Curve25519 {
  public static final int KEY_LENGTH = 32;

  /** The real DH: X25519 with zero-secret refusal. */
  public static final DiffieHellman DH = Curve25519::agree;

  /** Any clamped scalar kills exactly the low-order component, so one fixed probe suffices. */
  private static final byte[] LOW_ORDER_PROBE = clamp(filled((byte) 0x5a));

  private Curve25519() {}

  /** A fresh clamped private key drawn from entropy. */
  public static byte[] generatePrivateKey(Entropy entropy) {
    byte[] key = new byte[KEY_LENGTH];
    entropy.fill(key);
    return clamp(key);
  }

  public static byte[] publicKey(byte[] privateKey) {
    byte[] pub = new byte[KEY_LENGTH];
    X25519.scalarMultBase(privateKey, 0, pub, 0);
    return pub;
  }

  /** See {@link DiffieHellman#agree}. */
  public static boolean agree(byte[] privateKey, byte[] publicKey, byte[] out) {
    if (privateKey.length != KEY_LENGTH || publicKey.length != KEY_LENGTH) {
      throw new IllegalArgumentException("X25519 keys are 32 bytes");
    }
    X25519.scalarMult(privateKey, 0, publicKey, 0, out, 0);
    if (Secrets.isZero(out)) {
      return false;
    }
    return true;
  }

  /**
   * True for a public key of small order (or a non-canonical encoding of one): every DH with it
   * yields zero, so WireGuard never starts a handshake towards it.
   */
  public static boolean isLowOrder(byte[] publicKey) {
    byte[] out = new byte[KEY_LENGTH];
    boolean low = !agree(LOW_ORDER_PROBE, publicKey, out);
    Secrets.zero(out);
    return low;
  }

  /** RFC 7748 clamping, in place; returns its argument. */
  public static byte[] clamp(byte[] key) {
    key[0] &= (byte) 248;
    key[31] &= 127;
    key[31] |= 64;
    return key;
  }

  private static byte[] filled(byte value) {
    byte[] b = new byte[KEY_LENGTH];
    java.util.Arrays.fill(b, value);
    return b;
  }
}
