package dev.cordon.tunnel.crypto;

import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * ChaCha20-Poly1305 (RFC 8439) through the JDK's intrinsified cipher, with WireGuard's nonce: four
 * zero bytes then the 64-bit little-endian counter. One instance holds one {@link Cipher}, so it is
 * not thread-safe: take {@link #forThisThread()} on the data path instead of creating one per
 * packet. A failed authentication returns false; it never throws into the caller's loop.
 */
public final class ChaChaPoly {
  public static final int KEY_LENGTH = 32;
  public static final int NONCE_LENGTH = 12;
  public static final int TAG_LENGTH = 16;

  private static final String ALGORITHM = "ChaCha20-Poly1305";
  private static final ThreadLocal<ChaChaPoly> PER_THREAD =
      ThreadLocal.withInitial(ChaChaPoly::new);

  private final Cipher cipher;
  private final byte[] nonce = new byte[NONCE_LENGTH];
  private final byte[] spareNonce = new byte[NONCE_LENGTH];

  public ChaChaPoly() {
    try {
      cipher = Cipher.getInstance(ALGORITHM);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK lacks " + ALGORITHM, e);
    }
  }

  /** This thread's instance. */
  public static ChaChaPoly forThisThread() {
    return PER_THREAD.get();
  }

  /** Wraps a 32-byte raw key for repeated use (the JDK copies it; the caller still owns raw). */
  public static SecretKey key(byte[] raw) {
    if (raw.length != KEY_LENGTH) {
      throw new IllegalArgumentException("ChaCha20-Poly1305 keys are 32 bytes");
    }
    return new SecretKeySpec(raw, "ChaCha20");
  }

  /**
   * Encrypts in[inOff, inOff+len) with WireGuard's counter nonce and writes len + 16 bytes to out.
   * In and out may be the same array at the same offset.
   *
   * @return the number of bytes written
   */
  public int seal(
      SecretKey key,
      long counter,
      byte[] aad,
      byte[] in,
      int inOff,
      int len,
      byte[] out,
      int outOff) {
    return seal(key, counterNonce(counter), aad, in, inOff, len, out, outOff);
  }

  /** As {@link #seal(SecretKey, long, byte[], byte[], int, int, byte[], int)} with a raw nonce. */
  public int seal(
      SecretKey key,
      byte[] nonce12,
      byte[] aad,
      byte[] in,
      int inOff,
      int len,
      byte[] out,
      int outOff) {
    try {
      initEncrypt(key, nonce12);
      updateAad(aad);
      return cipher.doFinal(in, inOff, len, out, outOff);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("ChaCha20-Poly1305 encryption failed", e);
    }
  }

  /**
   * Authenticates and decrypts in[inOff, inOff+len) (ciphertext then tag) into out (len - 16
   * bytes).
   *
   * @return false when the tag does not verify or the input is shorter than a tag
   */
  public boolean open(
      SecretKey key,
      long counter,
      byte[] aad,
      byte[] in,
      int inOff,
      int len,
      byte[] out,
      int outOff) {
    return open(key, counterNonce(counter), aad, in, inOff, len, out, outOff);
  }

  /** As {@link #open(SecretKey, long, byte[], byte[], int, int, byte[], int)} with a raw nonce. */
  public boolean open(
      SecretKey key,
      byte[] nonce12,
      byte[] aad,
      byte[] in,
      int inOff,
      int len,
      byte[] out,
      int outOff) {
    if (len < TAG_LENGTH) {
      return false;
    }
    try {
      cipher.init(Cipher.DECRYPT_MODE, key, new IvParameterSpec(nonce12));
      updateAad(aad);
      cipher.doFinal(in, inOff, len, out, outOff);
      return true;
    } catch (AEADBadTagException e) {
      return false;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("ChaCha20-Poly1305 decryption failed", e);
    }
  }

  private byte[] counterNonce(long counter) {
    for (int i = 0; i < 8; i++) {
      nonce[4 + i] = (byte) (counter >>> (8 * i));
    }
    return nonce;
  }

  private void updateAad(byte[] aad) {
    if (aad != null && aad.length > 0) {
      cipher.updateAAD(aad);
    }
  }

  private void initEncrypt(SecretKey key, byte[] nonce12) throws GeneralSecurityException {
    try {
      cipher.init(Cipher.ENCRYPT_MODE, key, new IvParameterSpec(nonce12));
    } catch (InvalidKeyException e) {
      // The JDK refuses to encrypt twice in a row under one key and nonce. The protocol never does
      // (every key is fresh or its counter advances), but a pure function must not depend on its
      // previous call, so step through a different nonce and retry once.
      System.arraycopy(nonce12, 0, spareNonce, 0, NONCE_LENGTH);
      spareNonce[0] ^= 1;
      cipher.init(Cipher.ENCRYPT_MODE, key, new IvParameterSpec(spareNonce));
      cipher.init(Cipher.ENCRYPT_MODE, key, new IvParameterSpec(nonce12));
    }
  }
}
