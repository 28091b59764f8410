package dev.cordon.client.agent;

import dev.cordon.policy.model.IpAddress;

/** Hand-built IPv4 and IPv6 packets for the filter's tests (checksums are not checked). */
final class Packets {

  static final int SYN = 0x02;
  static final int ACK = 0x10;

  private Packets() {}

  static byte[] tcp(String src, int srcPort, String dst, int dstPort, int flags) {
    byte[] l4 = new byte[20];
    ports(l4, srcPort, dstPort);
    l4[12] = 5 << 4;
    l4[13] = (byte) flags;
    return ip(6, src, dst, l4);
  }

  static byte[] udp(String src, int srcPort, String dst, int dstPort) {
    byte[] l4 = new byte[8];
    ports(l4, srcPort, dstPort);
    l4[5] = 8;
    return ip(17, src, dst, l4);
  }

  static byte[] echo(String src, String dst, boolean request, int identifier) {
    boolean v6 = src.contains(":");
    byte[] l4 = new byte[8];
    l4[0] = (byte) (v6 ? (request ? 128 : 129) : (request ? 8 : 0));
    l4[4] = (byte) (identifier >>> 8);
    l4[5] = (byte) identifier;
    return ip(v6 ? 58 : 1, src, dst, l4);
  }

  static byte[] ip(int proto, String src, String dst, byte[] l4) {
    byte[] s = IpAddress.parse(src).bytes();
    byte[] d = IpAddress.parse(dst).bytes();
    if (s.length == 16) {
      byte[] p = new byte[40 + l4.length];
      p[0] = 0x60;
      p[4] = (byte) (l4.length >>> 8);
      p[5] = (byte) l4.length;
      p[6] = (byte) proto;
      p[7] = 64;
      System.arraycopy(s, 0, p, 8, 16);
      System.arraycopy(d, 0, p, 24, 16);
      System.arraycopy(l4, 0, p, 40, l4.length);
      return p;
    }
    byte[] p = new byte[20 + l4.length];
    p[0] = 0x45;
    p[2] = (byte) (p.length >>> 8);
    p[3] = (byte) p.length;
    p[8] = 64;
    p[9] = (byte) proto;
    System.arraycopy(s, 0, p, 12, 4);
    System.arraycopy(d, 0, p, 16, 4);
    System.arraycopy(l4, 0, p, 20, l4.length);
    return p;
  }

  private static void ports(byte[] l4, int src, int dst) {
    l4[0] = (byte) (src >>> 8);
    l4[1] = (byte) src;
    l4[2] = (byte) (dst >>> 8);
    l4[3] = (byte) dst;
  }
}
