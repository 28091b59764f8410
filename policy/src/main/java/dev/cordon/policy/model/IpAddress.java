package dev.cordon.policy.model;

import java.net.Inet4Address;
import java.net.InetAddress;

/**
 * An IPv4 or IPv6 address as 128 bits. IPv4 lives in the IPv4-mapped range {@code ::ffff:0:0/96} so
 * both families share one ordering and one index without boxing.
 */
public record IpAddress(long hi, long lo, boolean v4) implements Comparable<IpAddress> {
  static final long V4_MAPPED = 0x0000_ffff_0000_0000L;

  /** Parses an address literal; never resolves names. */
  public static IpAddress parse(String text) {
    String t = text.strip();
    if (t.isEmpty() || !(t.indexOf(':') >= 0 || t.chars().allMatch(c -> c == '.' || isDigit(c)))) {
      throw new IllegalArgumentException("\"" + text + "\" is not an IP address");
    }
    InetAddress a;
    try {
      a = InetAddress.ofLiteral(t);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("\"" + text + "\" is not an IP address", e);
    }
    return of(a.getAddress());
  }

  private static boolean isDigit(int c) {
    return c >= '0' && c <= '9';
  }

  /** From 4 or 16 network-order bytes. */
  public static IpAddress of(byte[] bytes) {
    if (bytes.length == 4) return v4(readInt(bytes, 0) & 0xffff_ffffL);
    if (bytes.length != 16) throw new IllegalArgumentException("address must be 4 or 16 bytes");
    return new IpAddress(readLong(bytes, 0), readLong(bytes, 8), false);
  }

  public static IpAddress v4(long bits) {
    return new IpAddress(0, V4_MAPPED | (bits & 0xffff_ffffL), true);
  }

  private static int readInt(byte[] b, int off) {
    return (b[off] & 0xff) << 24
        | (b[off + 1] & 0xff) << 16
        | (b[off + 2] & 0xff) << 8
        | b[off + 3] & 0xff;
  }

  private static long readLong(byte[] b, int off) {
    return (readInt(b, off) & 0xffff_ffffL) << 32 | readInt(b, off + 4) & 0xffff_ffffL;
  }

  /** The address's width in bits in its own family: 32 or 128. */
  public int bits() {
    return v4 ? 32 : 128;
  }

  public byte[] bytes() {
    if (v4) {
      int x = (int) lo;
      return new byte[] {(byte) (x >>> 24), (byte) (x >>> 16), (byte) (x >>> 8), (byte) x};
    }
    byte[] b = new byte[16];
    for (int i = 0; i < 8; i++) {
      b[i] = (byte) (hi >>> (56 - 8 * i));
      b[8 + i] = (byte) (lo >>> (56 - 8 * i));
    }
    return b;
  }

  /** Unsigned 128-bit comparison of two addresses given as halves. */
  public static int compare(long aHi, long aLo, long bHi, long bLo) {
    int c = Long.compareUnsigned(aHi, bHi);
    return c != 0 ? c : Long.compareUnsigned(aLo, bLo);
  }

  @Override
  public int compareTo(IpAddress o) {
    return compare(hi, lo, o.hi, o.lo);
  }

  @Override
  public String toString() {
    try {
      return InetAddress.getByAddress(bytes()) instanceof Inet4Address a4
          ? a4.getHostAddress()
          : InetAddress.getByAddress(bytes()).getHostAddress();
    } catch (java.net.UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }
}
