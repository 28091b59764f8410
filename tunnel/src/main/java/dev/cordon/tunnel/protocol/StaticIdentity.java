package dev.cordon.tunnel.protocol;

import dev.cordon.tunnel.crypto.Curve25519;
import dev.cordon.tunnel.crypto.Secrets;

/**
 * This device's static X25519 key pair. The private half stays in here and is zeroed on destroy.
 */
public final class StaticIdentity {
  private final byte[] privateKey;
  private final byte[] publicKey;

  /** Takes a copy of a 32-byte private key (clamped on the way in, as WireGuard does). */
  public StaticIdentity(byte[] privateKey) {
    if (privateKey.length != Constants.KEY_LENGTH) {
      throw new IllegalArgumentException("a WireGuard private key is 32 bytes");
    }
    this.privateKey = Curve25519.clamp(privateKey.clone());
    this.publicKey = Curve25519.publicKey(this.privateKey);
  }

  public byte[] publicKey() {
    return publicKey.clone();
  }

  /** The private key itself, for the handshake's DH; callers must not keep or change it. */
  byte[] privateKey() {
    return privateKey;
  }

  byte[] publicKeyUnsafe() {
    return publicKey;
  }

  public void destroy() {
    Secrets.zero(privateKey);
  }
}
