package dev.cordon.lab.bench;

import java.security.SecureRandom;
import java.util.Base64;
import org.bouncycastle.math.ec.rfc7748.X25519;

/** X25519 key pairs in WireGuard's base64 form, as {@code wg genkey | wg pubkey} makes them. */
public record Keys(byte[] privateKey, byte[] publicKey) {
  private static final SecureRandom RANDOM = new SecureRandom();

  public static Keys generate() {
    byte[] secret = new byte[X25519.SCALAR_SIZE];
    X25519.generatePrivateKey(RANDOM, secret);
    return fromPrivate(secret);
  }

  public static Keys fromPrivate(byte[] secret) {
    byte[] pub = new byte[X25519.POINT_SIZE];
    X25519.generatePublicKey(secret, 0, pub, 0);
    return new Keys(secret.clone(), pub);
  }

  public static Keys fromPrivateBase64(String secret) {
    return fromPrivate(Base64.getDecoder().decode(secret.strip()));
  }

  public String privateBase64() {
    return Base64.getEncoder().encodeToString(privateKey);
  }

  public String publicBase64() {
    return Base64.getEncoder().encodeToString(publicKey);
  }

  /** A random 32-byte pre-shared key, base64. */
  public static String presharedKey() {
    byte[] psk = new byte[32];
    RANDOM.nextBytes(psk);
    return Base64.getEncoder().encodeToString(psk);
  }

  @Override
  public String toString() {
    return "Keys[public=" + publicBase64() + "]"; // never the private half
  }
}
