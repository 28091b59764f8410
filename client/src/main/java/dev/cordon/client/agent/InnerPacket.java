package dev.cordon.client.agent;

import dev.cordon.policy.conntrack.FlowKey;
import dev.cordon.policy.model.IpAddress;
import dev.cordon.policy.model.Protocol;

/**
 * What the inbound filter needs of one IP packet from the tunnel: the 5-tuple and the TCP flags.
 * ICMP echo requests and replies use the identifier as both ports, so a reply's key is the exact
 * reverse of its request's (as {@link FlowKey#icmpEcho} does); other ICMP messages, and fragments
 * after the first, carry ports 0 and so match only rules without ports.
 */
public record InnerPacket(
    int ipProto,
    IpAddress source,
    IpAddress destination,
    int sourcePort,
    int destinationPort,
    int tcpFlags) {

  private static final int IPV4_MIN_HEADER = 20;
  private static final int IPV6_HEADER = 40;
  private static final int ICMP_ECHO_REPLY = 0;
  private static final int ICMP_ECHO_REQUEST = 8;
  private static final int ICMPV6_ECHO_REQUEST = 128;
  private static final int ICMPV6_ECHO_REPLY = 129;
  private static final int HOP_BY_HOP = 0;
  private static final int ROUTING = 43;
  private static final int FRAGMENT = 44;
  private static final int DESTINATION_OPTIONS = 60;

  public FlowKey key() {
    return FlowKey.of(ipProto, source, sourcePort, destination, destinationPort);
  }

  /** A TCP segment that can only continue a connection: no SYN, or an ACK with it. */
  public boolean continuesTcp() {
    return ipProto == Protocol.IP_TCP && ((tcpFlags & 0x02) == 0 || (tcpFlags & 0x10) != 0);
  }

  /** Parses the packet in {@code b[off, off + len)}, or returns null when it is malformed. */
  public static InnerPacket parse(byte[] b, int off, int len) {
    if (len < 1 || off < 0 || off + len > b.length) {
      return null;
    }
    return switch ((b[off] & 0xff) >>> 4) {
      case 4 -> parseV4(b, off, len);
      case 6 -> parseV6(b, off, len);
      default -> null;
    };
  }

  private static InnerPacket parseV4(byte[] b, int off, int len) {
    if (len < IPV4_MIN_HEADER) {
      return null;
    }
    int headerLength = (b[off] & 0x0f) * 4;
    int totalLength = u16(b, off + 2);
    if (headerLength < IPV4_MIN_HEADER || totalLength < headerLength || totalLength > len) {
      return null;
    }
    boolean laterFragment = (u16(b, off + 6) & 0x1fff) != 0;
    int proto = b[off + 9] & 0xff;
    IpAddress source = IpAddress.of(slice(b, off + 12, 4));
    IpAddress destination = IpAddress.of(slice(b, off + 16, 4));
    if (laterFragment) {
      return new InnerPacket(proto, source, destination, 0, 0, 0);
    }
    return transport(proto, source, destination, b, off + headerLength, totalLength - headerLength);
  }

  private static InnerPacket parseV6(byte[] b, int off, int len) {
    if (len < IPV6_HEADER) {
      return null;
    }
    int end = off + IPV6_HEADER + u16(b, off + 4);
    if (end > off + len) {
      return null;
    }
    IpAddress source = IpAddress.of(slice(b, off + 8, 16));
    IpAddress destination = IpAddress.of(slice(b, off + 24, 16));
    int next = b[off + 6] & 0xff;
    int at = off + IPV6_HEADER;
    while (next == HOP_BY_HOP
        || next == ROUTING
        || next == DESTINATION_OPTIONS
        || next == FRAGMENT) {
      if (at + 8 > end) {
        return null;
      }
      int following = b[at] & 0xff;
      if (next == FRAGMENT) {
        if ((u16(b, at + 2) & 0xfff8) != 0) {
          return new InnerPacket(following, source, destination, 0, 0, 0);
        }
        at += 8;
      } else {
        at += ((b[at + 1] & 0xff) + 1) * 8;
      }
      next = following;
    }
    if (at > end) {
      return null;
    }
    return transport(next, source, destination, b, at, end - at);
  }

  private static InnerPacket transport(
      int proto, IpAddress source, IpAddress destination, byte[] b, int at, int length) {
    return switch (proto) {
      case Protocol.IP_TCP ->
          length < 20
              ? null
              : new InnerPacket(
                  proto, source, destination, u16(b, at), u16(b, at + 2), b[at + 13] & 0xff);
      case Protocol.IP_UDP ->
          length < 8
              ? null
              : new InnerPacket(proto, source, destination, u16(b, at), u16(b, at + 2), 0);
      case Protocol.IP_ICMP, Protocol.IP_ICMPV6 -> icmp(proto, source, destination, b, at, length);
      default -> new InnerPacket(proto, source, destination, 0, 0, 0);
    };
  }

  private static InnerPacket icmp(
      int proto, IpAddress source, IpAddress destination, byte[] b, int at, int length) {
    if (length < 8) {
      return null;
    }
    int type = b[at] & 0xff;
    boolean echo =
        proto == Protocol.IP_ICMP
            ? type == ICMP_ECHO_REQUEST || type == ICMP_ECHO_REPLY
            : type == ICMPV6_ECHO_REQUEST || type == ICMPV6_ECHO_REPLY;
    int identifier = echo ? u16(b, at + 4) : 0;
    return new InnerPacket(proto, source, destination, identifier, identifier, 0);
  }

  private static int u16(byte[] b, int at) {
    return (b[at] & 0xff) << 8 | b[at + 1] & 0xff;
  }

  private static byte[] slice(byte[] b, int at, int n) {
    byte[] out = new byte[n];
    System.arraycopy(b, at, out, 0, n);
    return out;
  }
}
