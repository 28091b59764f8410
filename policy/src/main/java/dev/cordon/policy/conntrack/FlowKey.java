package dev.cordon.policy.conntrack;

import dev.cordon.policy.model.IpAddress;
import dev.cordon.policy.model.Protocol;

/**
 * A flow's identity as the first packet showed it. ICMP echo flows use the echo identifier as both
 * "ports", so the reply's key is the exact reverse of the request's.
 */
public record FlowKey(
    int ipProto, long srcHi, long srcLo, long dstHi, long dstLo, int srcPort, int dstPort) {

  public static FlowKey of(int ipProto, IpAddress src, int srcPort, IpAddress dst, int dstPort) {
    return new FlowKey(ipProto, src.hi(), src.lo(), dst.hi(), dst.lo(), srcPort, dstPort);
  }

  public static FlowKey tcp(IpAddress src, int srcPort, IpAddress dst, int dstPort) {
    return of(Protocol.IP_TCP, src, srcPort, dst, dstPort);
  }

  public static FlowKey udp(IpAddress src, int srcPort, IpAddress dst, int dstPort) {
    return of(Protocol.IP_UDP, src, srcPort, dst, dstPort);
  }

  /** An ICMP (or ICMPv6, by the source's family) echo flow with its identifier. */
  public static FlowKey icmpEcho(IpAddress src, IpAddress dst, int identifier) {
    int proto = src.v4() ? Protocol.IP_ICMP : Protocol.IP_ICMPV6;
    return of(proto, src, identifier, dst, identifier);
  }

  /** The key the other direction's packets carry. */
  public FlowKey reverse() {
    return new FlowKey(ipProto, dstHi, dstLo, srcHi, srcLo, dstPort, srcPort);
  }
}
