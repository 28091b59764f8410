package dev.cordon.tunnel.allowedips;

/** Big-endian reads of addresses out of byte arrays, shared by prefixes and lookups. */
final class Addresses {
  private Addresses() {}

  static int ipv4(byte[] bytes, int offset) {
    return (bytes[offset] & 0xFF) << 24
        | (bytes[offset + 1] & 0xFF) << 16
        | (bytes[offset + 2] & 0xFF) << 8
        | (bytes[offset + 3] & 0xFF);
  }

  static long longAt(byte[] bytes, int offset) {
    return (ipv4(bytes, offset) & 0xFFFF_FFFFL) << 32 | (ipv4(bytes, offset + 4) & 0xFFFF_FFFFL);
  }
}
