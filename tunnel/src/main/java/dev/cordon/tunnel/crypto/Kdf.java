package dev.cordon.tunnel.crypto;

/**
 * WireGuard's KDF1/KDF2/KDF3: HKDF with HMAC-BLAKE2s. t0 = HMAC(key, input) is the extraction key;
 * output i is HMAC(t0, output(i-1) || i). Every output is 32 bytes.
 */
public final class Kdf {
  private Kdf() {}

  public static byte[] kdf1(byte[] key, byte[] input) {
    return derive(key, input, 1)[0];
  }

  public static byte[][] kdf2(byte[] key, byte[] input) {
    return derive(key, input, 2);
  }

  public static byte[][] kdf3(byte[] key, byte[] input) {
    return derive(key, input, 3);
  }

  private static byte[][] derive(byte[] key, byte[] input, int count) {
    byte[] extract = Blake2s.hmac(key, input);
    byte[][] out = new byte[count][];
    byte[] previous = new byte[0];
    for (int i = 0; i < count; i++) {
      out[i] = Blake2s.hmac(extract, previous, new byte[] {(byte) (i + 1)});
      previous = out[i];
    }
    Secrets.zero(extract);
    return out;
  }
}
