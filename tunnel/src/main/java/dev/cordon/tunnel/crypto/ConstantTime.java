package dev.cordon.tunnel.crypto;

/**
 * Comparison whose running time does not depend on where two secrets differ, so a forged MAC learns
 * nothing from how fast it was refused.
 */
public final class ConstantTime {
  private ConstantTime() {}

  /** Compares a[aOff, aOff+len) with b[bOff, bOff+len); bounds are the caller's business. */
  public static boolean equal(byte[] a, int aOff, byte[] b, int bOff, int len) {
    int diff = 0;
    for (int i = 0; i < len; i++) {
      diff |= a[aOff + i] ^ b[bOff + i];
    }
    return diff == 0;
  }

  public static boolean equal(byte[] a, byte[] b) {
    return a.length == b.length && equal(a, 0, b, 0, a.length);
  }
}
