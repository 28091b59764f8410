package dev.cordon.tunnel.protocol.noise;

import dev.cordon.tunnel.crypto.Blake2s;
import dev.cordon.tunnel.crypto.ChaChaPoly;
import dev.cordon.tunnel.crypto.Kdf;
import dev.cordon.tunnel.crypto.Secrets;
import java.nio.charset.StandardCharsets;

/**
 * Noise's SymmetricState for Noise_*_25519_ChaChaPoly_BLAKE2s: chaining key C, hash H and the
 * current key k. In IKpsk2 every k encrypts exactly once before the next mixKey replaces it, so the
 * nonce is always zero. Mutable and not thread-safe; consumers work on a {@link #copy()} and commit
 * only after the whole message checks out.
 */
public final class SymmetricState {
  public static final String CONSTRUCTION = "Noise_IKpsk2_25519_ChaChaPoly_BLAKE2s";
  public static final int LENGTH = 32;

  private static final byte[] INITIAL_CHAINING_KEY =
      Blake2s.hash(CONSTRUCTION.getBytes(StandardCharsets.US_ASCII));
  private static final byte[] EMPTY = new byte[0];
  private static final byte[] ZERO_KEY = new byte[LENGTH];

  private final byte[] chainingKey = new byte[LENGTH];
  private final byte[] hash = new byte[LENGTH];
  private final byte[] key = new byte[LENGTH];

  private SymmetricState() {}

  /**
   * C = HASH(CONSTRUCTION), H = HASH(C || prologue). With WireGuard's IDENTIFIER as the prologue
   * this is WireGuard's (C0, H0).
   */
  public static SymmetricState initialize(byte[] prologue) {
    SymmetricState s = new SymmetricState();
    System.arraycopy(INITIAL_CHAINING_KEY, 0, s.chainingKey, 0, LENGTH);
    System.arraycopy(INITIAL_CHAINING_KEY, 0, s.hash, 0, LENGTH);
    s.mixHash(prologue, 0, prologue.length);
    return s;
  }

  /** Resumes from a stored chaining key and hash (between the two handshake messages). */
  public static SymmetricState resume(byte[] chainingKey, byte[] hash) {
    SymmetricState s = new SymmetricState();
    System.arraycopy(chainingKey, 0, s.chainingKey, 0, LENGTH);
    System.arraycopy(hash, 0, s.hash, 0, LENGTH);
    return s;
  }

  public SymmetricState copy() {
    return resume(chainingKey, hash);
  }

  /** H = HASH(H || data). */
  public void mixHash(byte[] data, int off, int len) {
    Blake2s.hash(hash, data, off, len, hash);
  }

  /** (C, k) = KDF2(C, input). */
  public void mixKey(byte[] input) {
    byte[][] t = Kdf.kdf2(chainingKey, input);
    take(t[0], chainingKey);
    take(t[1], key);
  }

  /**
   * C = KDF1(C, input): mixKey when the key it would produce is replaced before use (the "e" token
   * in psk mode, and ee/se before psk), as WireGuard does to save one HMAC.
   */
  public void mixChain(byte[] input) {
    take(Kdf.kdf1(chainingKey, input), chainingKey);
  }

  /** (C, t, k) = KDF3(C, psk); H = HASH(H || t). A null psk means 32 zero bytes. */
  public void mixKeyAndHash(byte[] psk) {
    byte[][] t = Kdf.kdf3(chainingKey, psk == null ? ZERO_KEY : psk);
    take(t[0], chainingKey);
    mixHash(t[1], 0, LENGTH);
    Secrets.zero(t[1]);
    take(t[2], key);
  }

  /** Writes AEAD(k, 0, plain, H) to out and mixes it into H; returns its length (len + 16). */
  public int encryptAndHash(byte[] plain, int off, int len, byte[] out, int outOff) {
    ChaChaPoly aead = ChaChaPoly.forThisThread();
    int n = aead.seal(ChaChaPoly.key(key), 0, hash, plain, off, len, out, outOff);
    mixHash(out, outOff, n);
    return n;
  }

  /**
   * Opens AEAD(k, 0, ·, H) over in[off, off+len) into out and mixes the ciphertext into H.
   *
   * @return false (H unchanged) when authentication fails
   */
  public boolean decryptAndHash(byte[] in, int off, int len, byte[] out, int outOff) {
    ChaChaPoly aead = ChaChaPoly.forThisThread();
    if (!aead.open(ChaChaPoly.key(key), 0, hash, in, off, len, out, outOff)) {
      return false;
    }
    mixHash(in, off, len);
    return true;
  }

  /** Noise Split: (k1, k2) = KDF2(C, empty); k1 is the initiator's sending key. */
  public byte[][] split() {
    return Kdf.kdf2(chainingKey, EMPTY);
  }

  public byte[] chainingKey() {
    return chainingKey.clone();
  }

  public byte[] hash() {
    return hash.clone();
  }

  /** Copies C and H out (for a handshake to keep between messages). */
  public void saveTo(byte[] chainingKeyOut, byte[] hashOut) {
    System.arraycopy(chainingKey, 0, chainingKeyOut, 0, LENGTH);
    System.arraycopy(hash, 0, hashOut, 0, LENGTH);
  }

  public void zero() {
    Secrets.zero(chainingKey, hash, key);
  }

  private static void take(byte[] from, byte[] into) {
    System.arraycopy(from, 0, into, 0, LENGTH);
    Secrets.zero(from);
  }
}
