package dev.cordon.tunnel.session;

import java.net.InetAddress;

/** Minimal IP packets for tests: a header with the fields cryptokey routing reads, then zeros. */
final class Packets {
  private Packets() {}

  static byte[] ipv4(String source, String destination, int payload) {
    byte[] p = new byte[20 + payload];
    p[0] = 0x45;
    p[2] = (byte) (p.length >>> 8);
    p[3] = (byte) p.length;
    p[8] = 64;
    p[9] = 17;
    System.arraycopy(InetAddress.ofLiteral(source).getAddress(), 0, p, 12, 4);
    System.arraycopy(InetAddress.ofLiteral(destination).getAddress(), 0, p, 16, 4);
    for (int i = 20; i < p.length; i++) {
      p[i] = (byte) i;
    }
    return p;
  }
}
