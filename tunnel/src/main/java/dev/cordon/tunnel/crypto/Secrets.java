package dev.cordon.tunnel.crypto;

import java.util.Arrays;

/** Zeroing of key material, so that a destroyed session leaves nothing readable behind. */
public final class Secrets {
  private Secrets() {}

  /** Overwrites every given array with zeros; null arrays are skipped. */
  public static void zero(byte[]... secrets) {
    for (byte[] secret : secrets) {
      if (secret != null) {
        Arrays.fill(secret, (byte) 0);
      }
    }
  }

  /** True when every byte is zero, read in constant time (all-zero keys mean "none"). */
  public static boolean isZero(byte[] bytes) {
    int acc = 0;
    for (byte b : bytes) {
      acc |= b;
    }
    return acc == 0;
  }
}
