package dev.cordon.tunnel.fuzz;

import java.util.Arrays;

/**
 * Reads a fuzz input front to back: bytes, little-endian numbers and byte runs. Past the end it
 * yields zeros and empty runs, so every input, however short, decodes to something.
 */
final class Script {
  private final byte[] data;
  private int pos;

  Script(byte[] data) {
    this.data = data;
  }

  boolean hasMore() {
    return pos < data.length;
  }

  int u8() {
    return pos < data.length ? data[pos++] & 0xFF : 0;
  }

  int u16() {
    return u8() | u8() << 8;
  }

  int s32() {
    return u16() | u16() << 16;
  }

  /** The next n bytes, or fewer when the input ends first. */
  byte[] bytes(int n) {
    int end = Math.min(data.length, pos + Math.max(0, n));
    byte[] out = Arrays.copyOfRange(data, pos, end);
    pos = end;
    return out;
  }

  /** Everything not yet read. */
  byte[] rest() {
    return bytes(data.length - pos);
  }

  /**
   * Applies a mutation script to a copy of original: records of (op, position u16, value), where op
   * 0 xors the byte at position with value, 1 sets it, 2 truncates to position, 3 appends value %
   * 64 + 1 copies of value. Positions wrap around the current length.
   */
  static byte[] mutate(byte[] original, byte[] script) {
    byte[] b = original.clone();
    Script s = new Script(script);
    while (s.hasMore()) {
      int op = s.u8() & 3;
      int position = s.u16();
      int value = s.u8();
      switch (op) {
        case 0, 1 -> {
          if (b.length > 0) {
            int i = position % b.length;
            b[i] = (byte) (op == 0 ? b[i] ^ value : value);
          }
        }
        case 2 -> b = Arrays.copyOf(b, position % (b.length + 1));
        default -> {
          int grow = value % 64 + 1;
          b = Arrays.copyOf(b, b.length + grow);
          Arrays.fill(b, b.length - grow, b.length, (byte) value);
        }
      }
    }
    return b;
  }

  /** True when a and b have the same length and agree on [from, to). */
  static boolean sameRegion(byte[] a, byte[] b, int from, int to) {
    return a.length == b.length && Arrays.equals(a, from, to, b, from, to);
  }
}
