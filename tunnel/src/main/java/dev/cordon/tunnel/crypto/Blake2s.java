package dev.cordon.tunnel.crypto;

import org.bouncycastle.crypto.digests.Blake2sDigest;

/** WireGuard's HASH (BLAKE2s-256), MAC (keyed BLAKE2s-128, not HMAC) and HMAC-BLAKE2s. */
public final class Blake2s {
  public static final int HASH_LENGTH = 32;
  public static final int MAC_LENGTH = 16;
  private static final int BLOCK_LENGTH = 64;

  private Blake2s() {}

  /** HASH(parts[0] || parts[1] || ...). */
  public static byte[] hash(byte[]... parts) {
    Blake2sDigest digest = new Blake2sDigest(HASH_LENGTH * 8);
    for (byte[] part : parts) {
      digest.update(part, 0, part.length);
    }
    byte[] out = new byte[HASH_LENGTH];
    digest.doFinal(out, 0);
    return out;
  }

  /** out = HASH(prefix || data[off, off+len)); out may alias prefix. */
  public static void hash(byte[] prefix, byte[] data, int off, int len, byte[] out) {
    Blake2sDigest digest = new Blake2sDigest(HASH_LENGTH * 8);
    digest.update(prefix, 0, prefix.length);
    digest.update(data, off, len);
    digest.doFinal(out, 0);
  }

  /** Writes MAC(key, data[off, off+len)) (16 bytes) to out at outOff. */
  public static void mac(byte[] key, byte[] data, int off, int len, byte[] out, int outOff) {
    Blake2sDigest digest = new Blake2sDigest(key, MAC_LENGTH, null, null);
    digest.update(data, off, len);
    digest.doFinal(out, outOff);
  }

  /**
   * HMAC-BLAKE2s (RFC 2104 over BLAKE2s-256, 64-byte block); keys longer than a block are hashed.
   */
  public static byte[] hmac(byte[] key, byte[]... parts) {
    byte[] block = new byte[BLOCK_LENGTH];
    byte[] k = key.length > BLOCK_LENGTH ? hash(key) : key;
    System.arraycopy(k, 0, block, 0, k.length);
    Blake2sDigest inner = new Blake2sDigest(HASH_LENGTH * 8);
    xorInto(block, (byte) 0x36);
    inner.update(block, 0, BLOCK_LENGTH);
    for (byte[] part : parts) {
      inner.update(part, 0, part.length);
    }
    byte[] innerHash = new byte[HASH_LENGTH];
    inner.doFinal(innerHash, 0);
    Blake2sDigest outer = new Blake2sDigest(HASH_LENGTH * 8);
    xorInto(block, (byte) (0x36 ^ 0x5c));
    outer.update(block, 0, BLOCK_LENGTH);
    outer.update(innerHash, 0, HASH_LENGTH);
    byte[] out = new byte[HASH_LENGTH];
    outer.doFinal(out, 0);
    Secrets.zero(block, innerHash);
    return out;
  }

  private static void xorInto(byte[] block, byte pad) {
    for (int i = 0; i < block.length; i++) {
      block[i] ^= pad;
    }
  }
}
