package dev.cordon.gateway.packet;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;

/** Builds inner IP packets for tests: headers only, checksums zero (the parser ignores them). */
public final class Packets {
  private Packets() {}

  public static byte[] tcp(String src, int sport, String dst, int dport, int flags) {
    ByteBuffer t = ByteBuffer.allocate(20);
    t.putShort((short) sport).putShort((short) dport).putInt(1).putInt(0);
    t.put((byte) 0x50).put((byte) flags).putShort((short) 65535).putInt(0);
    return ip(src, dst, IpProtocols.TCP, t.array());
  }

  public static byte[] udp(String src, int sport, String dst, int dport) {
    ByteBuffer u = ByteBuffer.allocate(12);
    u.putShort((short) sport).putShort((short) dport).putShort((short) 12).putShort((short) 0);
    return ip(src, dst, IpProtocols.UDP, u.array());
  }

  /** An echo request (or reply) with this identifier, ICMP or ICMPv6 by the address family. */
  public static byte[] echo(String src, String dst, int id, boolean reply) {
    boolean v4 = addr(src).length == 4;
    int type = v4 ? (reply ? 0 : 8) : (reply ? 129 : 128);
    ByteBuffer m = ByteBuffer.allocate(8);
    m.put((byte) type).put((byte) 0).putShort((short) 0).putShort((short) id).putShort((short) 1);
    return ip(src, dst, v4 ? IpProtocols.ICMP : IpProtocols.ICMPV6, m.array());
  }

  public static byte[] ip(String src, String dst, int proto, byte[] payload) {
    byte[] s = addr(src), d = addr(dst);
    if (s.length == 4) {
      ByteBuffer p = ByteBuffer.allocate(20 + payload.length);
      p.put((byte) 0x45).put((byte) 0).putShort((short) (20 + payload.length));
      p.putShort((short) 0).putShort((short) 0x4000).put((byte) 64).put((byte) proto);
      p.putShort((short) 0).put(s).put(d).put(payload);
      return p.array();
    }
    ByteBuffer p = ByteBuffer.allocate(40 + payload.length);
    p.putInt(0x6000_0000).putShort((short) payload.length).put((byte) proto).put((byte) 64);
    p.put(s).put(d).put(payload);
    return p.array();
  }

  static byte[] addr(String text) {
    try {
      return InetAddress.ofLiteral(text).getAddress();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(text, e);
    }
  }

  /** Only to keep UnknownHostException out of signatures. */
  static InetAddress inet(byte[] b) {
    try {
      return InetAddress.getByAddress(b);
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }
}
