package dev.cordon.tunnel.tun;

/** RFC 1071's ones'-complement sum over big-endian 16-bit words, as IP, TCP and UDP use it. */
final class InternetChecksum {
  private InternetChecksum() {}

  /** Adds {@code length} bytes to a running sum (an odd last byte is padded with zero). */
  static long add(long sum, byte[] b, int offset, int length) {
    int end = offset + length;
    int i = offset;
    for (; i + 1 < end; i += 2) {
      sum += (b[i] & 0xFF) << 8 | (b[i + 1] & 0xFF);
    }
    if (i < end) {
      sum += (b[i] & 0xFF) << 8;
    }
    return sum;
  }

  /** Folds a running sum to 16 bits and complements it: the value a header stores. */
  static int finish(long sum) {
    while ((sum >>> 16) != 0) {
      sum = (sum & 0xFFFF) + (sum >>> 16);
    }
    return (int) (~sum & 0xFFFF);
  }

  /** The pseudo-header's sum for TCP or UDP over IPv4 (addresses at 12 and 16 of the header). */
  static long pseudoHeader4(byte[] packet, int ip, int protocol, int length) {
    return add(0, packet, ip + 12, 8) + protocol + length;
  }

  /** The pseudo-header's sum over IPv6 (addresses at 8 and 24 of the header). */
  static long pseudoHeader6(byte[] packet, int ip, int protocol, int length) {
    return add(0, packet, ip + 8, 32) + protocol + length;
  }
}
