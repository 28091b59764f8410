package dev.cordon.tunnel.crypto;

import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.modes.XChaCha20Poly1305;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * XChaCha20-Poly1305 (24-byte nonce), used only for cookie replies, which are rare enough that a
 * fresh Bouncy Castle engine per call costs nothing that matters.
 */
public final class XChaChaPoly {
  public static final int KEY_LENGTH = 32;
  public static final int NONCE_LENGTH = 24;
  public static final int TAG_LENGTH = 16;

  private XChaChaPoly() {}

  /** Encrypts in[inOff, inOff+len) and writes len + 16 bytes to out; returns that count. */
  public static int seal(
      byte[] key,
      byte[] nonce24,
      byte[] aad,
      byte[] in,
      int inOff,
      int len,
      byte[] out,
      int outOff) {
    XChaCha20Poly1305 aead = engine(true, key, nonce24, aad);
    int n = aead.processBytes(in, inOff, len, out, outOff);
    try {
      return n + aead.doFinal(out, outOff + n);
    } catch (InvalidCipherTextException e) {
      throw new IllegalStateException("XChaCha20-Poly1305 encryption failed", e);
    }
  }

  /** Authenticates and decrypts; false when the tag does not verify or input is too short. */
  public static boolean open(
      byte[] key,
      byte[] nonce24,
      byte[] aad,
      byte[] in,
      int inOff,
      int len,
      byte[] out,
      int outOff) {
    if (len < TAG_LENGTH) {
      return false;
    }
    XChaCha20Poly1305 aead = engine(false, key, nonce24, aad);
    // Bouncy Castle writes plaintext only after the tag verifies, into a scratch buffer first so a
    // forgery never reaches out.
    byte[] scratch = new byte[len - TAG_LENGTH];
    int n = aead.processBytes(in, inOff, len, scratch, 0);
    try {
      aead.doFinal(scratch, n);
    } catch (InvalidCipherTextException e) {
      return false;
    }
    System.arraycopy(scratch, 0, out, outOff, scratch.length);
    Secrets.zero(scratch);
    return true;
  }

  private static XChaCha20Poly1305 engine(boolean encrypt, byte[] key, byte[] nonce, byte[] aad) {
    if (key.length != KEY_LENGTH || nonce.length != NONCE_LENGTH) {
      throw new IllegalArgumentException(
          "XChaCha20-Poly1305 takes a 32-byte key and 24-byte nonce");
    }
    XChaCha20Poly1305 aead = new XChaCha20Poly1305();
    aead.init(encrypt, new AEADParameters(new KeyParameter(key), TAG_LENGTH * 8, nonce, aad));
    return aead;
  }
}
