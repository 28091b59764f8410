package dev.cordon.gateway.packet;

/**
 * What one parse found, overwritten by the next: a reusable holder so the per-packet path allocates
 * nothing. Addresses are 128-bit halves as in {@code dev.cordon.policy.model.IpAddress} (IPv4
 * mapped into {@code ::ffff:0:0/96}). For ICMP echo, both ports hold the echo identifier so a
 * reply's tuple is the reverse of its request's; other ICMP messages carry ports 0.
 */
public final class IpHeaders {
  int version;
  int ipProto;
  long srcHi;
  long srcLo;
  long dstHi;
  long dstLo;
  int srcPort;
  int dstPort;
  int tcpFlags;
  int length;

  /** 4 or 6. */
  public int version() {
    return version;
  }

  /** The transport's IANA protocol number (6 TCP, 17 UDP, 1 ICMP, 58 ICMPv6, ...). */
  public int ipProto() {
    return ipProto;
  }

  public long srcHi() {
    return srcHi;
  }

  public long srcLo() {
    return srcLo;
  }

  public long dstHi() {
    return dstHi;
  }

  public long dstLo() {
    return dstLo;
  }

  public int srcPort() {
    return srcPort;
  }

  public int dstPort() {
    return dstPort;
  }

  /** TCP flag bits (FIN 0x01, SYN 0x02, RST 0x04, ACK 0x10); 0 for other protocols. */
  public int tcpFlags() {
    return tcpFlags;
  }

  /** The IP packet's own length (the buffer may carry padding after it). */
  public int length() {
    return length;
  }

  /** The port a policy rule is matched on: the destination port for TCP and UDP, else 0. */
  public int policyPort() {
    return ipProto == IpProtocols.TCP || ipProto == IpProtocols.UDP ? dstPort : 0;
  }
}
