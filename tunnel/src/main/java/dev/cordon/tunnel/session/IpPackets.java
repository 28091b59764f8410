package dev.cordon.tunnel.session;

/**
 * The few IP header fields cryptokey routing reads: version, total length, source, destination.
 * Every method checks bounds first and answers -1 for anything that is not an IP packet.
 */
public final class IpPackets {
  private static final int IPV4_HEADER = 20;
  private static final int IPV6_HEADER = 40;

  private IpPackets() {}

  /** 4 or 6, or -1 when the buffer holds no whole header of either. */
  public static int version(byte[] p, int off, int len) {
    if (len < 1) {
      return -1;
    }
    int version = (p[off] & 0xFF) >>> 4;
    if (version == 4 && len >= IPV4_HEADER) {
      return 4;
    }
    return version == 6 && len >= IPV6_HEADER ? 6 : -1;
  }

  /** The packet's length by its own header, or -1 when that is invalid or longer than len. */
  public static int totalLength(byte[] p, int off, int len) {
    int total =
        switch (version(p, off, len)) {
          case 4 -> u16(p, off + 2);
          case 6 -> IPV6_HEADER + u16(p, off + 4);
          default -> -1;
        };
    int minimum = version(p, off, len) == 4 ? IPV4_HEADER : IPV6_HEADER;
    return total < minimum || total > len ? -1 : total;
  }

  /** Offset of the source address, or -1. */
  public static int sourceOffset(byte[] p, int off, int len) {
    return switch (version(p, off, len)) {
      case 4 -> off + 12;
      case 6 -> off + 8;
      default -> -1;
    };
  }

  /** Offset of the destination address, or -1. */
  public static int destinationOffset(byte[] p, int off, int len) {
    return switch (version(p, off, len)) {
      case 4 -> off + 16;
      case 6 -> off + 24;
      default -> -1;
    };
  }

  /** 4 or 16 for a packet whose version() is 4 or 6. */
  public static int addressLength(byte[] p, int off) {
    return (p[off] & 0xFF) >>> 4 == 4 ? 4 : 16;
  }

  private static int u16(byte[] p, int at) {
    return (p[at] & 0xFF) << 8 | (p[at + 1] & 0xFF);
  }
}
