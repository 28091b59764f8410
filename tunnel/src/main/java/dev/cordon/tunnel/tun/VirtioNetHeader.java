package dev.cordon.tunnel.tun;

/**
 * Linux's {@code struct virtio_net_hdr} as a TUN opened with IFF_VNET_HDR puts before every packet:
 * flags (u8), gso_type (u8), hdr_len, gso_size, csum_start, csum_offset (u16 each), in the host's
 * byte order, which is little-endian on every host Cordon runs on (x86-64, arm64).
 */
public record VirtioNetHeader(
    int flags, int gsoType, int headerLength, int gsoSize, int checksumStart, int checksumOffset) {
  /** The header's size; TUNSETVNETHDRSZ is told this. */
  public static final int SIZE = 10;

  /** flags: the checksum at checksumStart+checksumOffset holds only the pseudo-header sum. */
  public static final int F_NEEDS_CSUM = 0x01;

  public static final int GSO_NONE = 0;
  public static final int GSO_TCPV4 = 1;
  public static final int GSO_UDP = 3;
  public static final int GSO_TCPV6 = 4;

  /** gso_type bit: the super-packet carries CWR, which belongs on its first segment only. */
  public static final int GSO_ECN = 0x80;

  /** Reads the header at {@code offset}. */
  public static VirtioNetHeader read(byte[] buffer, int offset) {
    return new VirtioNetHeader(
        buffer[offset] & 0xFF,
        buffer[offset + 1] & 0xFF,
        u16(buffer, offset + 2),
        u16(buffer, offset + 4),
        u16(buffer, offset + 6),
        u16(buffer, offset + 8));
  }

  /** Writes an all-zero header (no offload asked of the kernel) at {@code offset}. */
  public static void writeNone(byte[] buffer, int offset) {
    java.util.Arrays.fill(buffer, offset, offset + SIZE, (byte) 0);
  }

  public boolean needsChecksum() {
    return (flags & F_NEEDS_CSUM) != 0;
  }

  /** gso_type without the ECN bit. */
  public int gsoKind() {
    return gsoType & ~GSO_ECN;
  }

  private static int u16(byte[] b, int i) {
    return (b[i] & 0xFF) | (b[i + 1] & 0xFF) << 8;
  }
}
