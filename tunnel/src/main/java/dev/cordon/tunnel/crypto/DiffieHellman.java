package dev.cordon.tunnel.crypto;

/**
 * The DH function of the handshake. An interface so tests can observe when (and whether) the
 * expensive step happens; {@link Curve25519#DH} is the real one.
 */
@FunctionalInterface
public interface DiffieHellman {
  /**
   * Writes DH(privateKey, publicKey) to out (32 bytes).
   *
   * @return false, with out zeroed, when the shared secret is all zeros (a low-order public key)
   */
  boolean agree(byte[] privateKey, byte[] publicKey, byte[] out);
}
