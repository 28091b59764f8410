package dev.cordon.gateway.packet;

import static dev.cordon.gateway.packet.IpProtocols.*;

/**
 * Parses an inner IP packet's headers into an {@link IpHeaders}. Returns false for anything that is
 * not a whole, well-formed IPv4 or IPv6 packet with a readable transport header; the caller drops
 * it as malformed. Fragments after the first carry no transport header and are refused too (the
 * gateway does not reassemble; tunnels carry whole packets below the tunnel MTU). Stateless.
 */
public final class PacketParser {
  private static final long V4_MAPPED = 0x0000_ffff_0000_0000L;

  private PacketParser() {}

  public static boolean parse(byte[] buf, int off, int len, IpHeaders out) {
    if (len < 1 || off < 0 || off + len > buf.length) return false;
    return switch ((buf[off] & 0xff) >>> 4) {
      case 4 -> parseV4(buf, off, len, out);
      case 6 -> parseV6(buf, off, len, out);
      default -> false;
    };
  }

  private static boolean parseV4(byte[] b, int off, int len, IpHeaders out) {
    if (len < IPV4_MIN_HEADER) return false;
    int ihl = (b[off] & 0x0f) * 4;
    int total = u16(b, off + 2);
    if (ihl < IPV4_MIN_HEADER || total < ihl || total > len) return false;
    if ((u16(b, off + 6) & 0x1fff) != 0) return false; // a later fragment: no transport header
    out.version = 4;
    out.length = total;
    out.ipProto = b[off + 9] & 0xff;
    out.srcHi = 0;
    out.srcLo = V4_MAPPED | (u32(b, off + 12) & 0xffff_ffffL);
    out.dstHi = 0;
    out.dstLo = V4_MAPPED | (u32(b, off + 16) & 0xffff_ffffL);
    return transport(b, off + ihl, total - ihl, out);
  }

  private static boolean parseV6(byte[] b, int off, int len, IpHeaders out) {
    if (len < IPV6_HEADER) return false;
    int total = IPV6_HEADER + u16(b, off + 4);
    if (total > len) return false;
    out.version = 6;
    out.length = total;
    out.srcHi = u64(b, off + 8);
    out.srcLo = u64(b, off + 16);
    out.dstHi = u64(b, off + 24);
    out.dstLo = u64(b, off + 32);
    int next = b[off + 6] & 0xff;
    int at = off + IPV6_HEADER, end = off + total;
    for (int i = 0; i <= V6_MAX_EXTENSIONS; i++) {
      int size;
      switch (next) {
        case V6_HOP_BY_HOP, V6_ROUTING, V6_DEST_OPTIONS ->
            size = at + 2 <= end ? (b[at + 1] & 0xff) * 8 + 8 : -1;
        case V6_AUTH -> size = at + 2 <= end ? ((b[at + 1] & 0xff) + 2) * 4 : -1;
        case V6_FRAGMENT -> {
          if (at + 8 > end || (u16(b, at + 2) & 0xfff8) != 0) return false;
          size = 8;
        }
        default -> {
          out.ipProto = next;
          return transport(b, at, end - at, out);
        }
      }
      if (size < 0 || at + size > end) return false;
      next = b[at] & 0xff;
      at += size;
    }
    return false;
  }

  private static boolean transport(byte[] b, int at, int avail, IpHeaders out) {
    out.tcpFlags = 0;
    out.srcPort = 0;
    out.dstPort = 0;
    switch (out.ipProto) {
      case TCP -> {
        if (avail < TCP_MIN_HEADER) return false;
        int dataOffset = ((b[at + 12] & 0xff) >>> 4) * 4;
        if (dataOffset < TCP_MIN_HEADER || dataOffset > avail) return false;
        out.srcPort = u16(b, at);
        out.dstPort = u16(b, at + 2);
        out.tcpFlags = b[at + 13] & 0x3f;
      }
      case UDP -> {
        if (avail < UDP_HEADER) return false;
        out.srcPort = u16(b, at);
        out.dstPort = u16(b, at + 2);
      }
      case ICMP, ICMPV6 -> {
        if (avail < ICMP_HEADER) return false;
        if ((out.ipProto == ICMP) != (out.version == 4)) return false;
        if (isEcho(out.ipProto, b[at] & 0xff)) {
          out.srcPort = u16(b, at + 4);
          out.dstPort = out.srcPort;
        }
      }
      default -> {}
    }
    return true;
  }

  private static boolean isEcho(int proto, int type) {
    return proto == ICMP
        ? type == ICMP_ECHO_REQUEST || type == ICMP_ECHO_REPLY
        : type == ICMPV6_ECHO_REQUEST || type == ICMPV6_ECHO_REPLY;
  }

  private static int u16(byte[] b, int at) {
    return (b[at] & 0xff) << 8 | b[at + 1] & 0xff;
  }

  private static int u32(byte[] b, int at) {
    return u16(b, at) << 16 | u16(b, at + 2);
  }

  private static long u64(byte[] b, int at) {
    return (u32(b, at) & 0xffff_ffffL) << 32 | u32(b, at + 4) & 0xffff_ffffL;
  }
}
