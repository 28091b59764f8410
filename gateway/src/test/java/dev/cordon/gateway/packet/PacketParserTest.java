package dev.cordon.gateway.packet;

import static org.junit.jupiter.api.Assertions.*;

import dev.cordon.policy.model.IpAddress;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class PacketParserTest {
  private final IpHeaders h = new IpHeaders();

  private boolean parse(byte[] p) {
    return PacketParser.parse(p, 0, p.length, h);
  }

  @Test
  void anIpv4TcpSynYieldsAddressesPortsAndFlags() {
    assertTrue(parse(Packets.tcp("100.64.0.7", 40000, "10.10.1.20", 443, 0x02)));
    assertEquals(4, h.version());
    assertEquals(IpProtocols.TCP, h.ipProto());
    IpAddress src = IpAddress.parse("100.64.0.7"), dst = IpAddress.parse("10.10.1.20");
    assertEquals(src.hi(), h.srcHi());
    assertEquals(src.lo(), h.srcLo());
    assertEquals(dst.lo(), h.dstLo());
    assertEquals(40000, h.srcPort());
    assertEquals(443, h.dstPort());
    assertEquals(0x02, h.tcpFlags());
    assertEquals(443, h.policyPort());
  }

  @Test
  void anIpv6UdpPacketYieldsBothHalvesOfEachAddress() {
    assertTrue(parse(Packets.udp("fd00::7", 5353, "fd10::1:20", 53)));
    IpAddress src = IpAddress.parse("fd00::7"), dst = IpAddress.parse("fd10::1:20");
    assertEquals(6, h.version());
    assertEquals(IpProtocols.UDP, h.ipProto());
    assertEquals(src.hi(), h.srcHi());
    assertEquals(src.lo(), h.srcLo());
    assertEquals(dst.hi(), h.dstHi());
    assertEquals(dst.lo(), h.dstLo());
    assertEquals(53, h.dstPort());
  }

  @Test
  void echoRequestsAndRepliesCarryTheIdentifierAsBothPortsAndPolicyPortZero() {
    assertTrue(parse(Packets.echo("100.64.0.7", "10.10.1.20", 0x1234, false)));
    assertEquals(0x1234, h.srcPort());
    assertEquals(0x1234, h.dstPort());
    assertEquals(0, h.policyPort());
    assertTrue(parse(Packets.echo("fd00::7", "fd10::1", 77, true)));
    assertEquals(IpProtocols.ICMPV6, h.ipProto());
    assertEquals(77, h.srcPort());
  }

  @Test
  void ipv4OptionsAreSkippedToFindTheTransportHeader() {
    byte[] plain = Packets.udp("100.64.0.7", 1000, "10.0.0.1", 2000);
    byte[] withOptions = new byte[plain.length + 4];
    System.arraycopy(plain, 0, withOptions, 0, 20);
    System.arraycopy(plain, 20, withOptions, 24, plain.length - 20);
    withOptions[0] = 0x46;
    ByteBuffer.wrap(withOptions).putShort(2, (short) withOptions.length);
    assertTrue(parse(withOptions));
    assertEquals(1000, h.srcPort());
    assertEquals(2000, h.dstPort());
  }

  @Test
  void ipv6ExtensionHeadersAreWalkedToTheTransport() {
    byte[] udp = Packets.udp("fd00::7", 1000, "fd10::1", 2000);
    byte[] ext = new byte[udp.length + 8];
    System.arraycopy(udp, 0, ext, 0, 40);
    ext[6] = 0; // hop-by-hop first
    ext[40] = (byte) IpProtocols.UDP; // next header after it
    ext[41] = 0; // 8 bytes long
    System.arraycopy(udp, 40, ext, 48, udp.length - 40);
    ByteBuffer.wrap(ext).putShort(4, (short) (ext.length - 40));
    assertTrue(parse(ext));
    assertEquals(IpProtocols.UDP, h.ipProto());
    assertEquals(2000, h.dstPort());
  }

  @Test
  void paddingAfterThePacketIsAllowedButReportedLengthIsThePackets() {
    byte[] p = Packets.tcp("100.64.0.7", 1, "10.0.0.1", 2, 0x10);
    byte[] padded = Arrays.copyOf(p, p.length + 12);
    assertTrue(PacketParser.parse(padded, 0, padded.length, h));
    assertEquals(p.length, h.length());
  }

  @Test
  void truncatedPacketsAreRefusedAtEveryLength() {
    for (byte[] p :
        new byte[][] {
          Packets.tcp("100.64.0.7", 1, "10.0.0.1", 2, 2),
          Packets.udp("fd00::7", 1, "fd10::1", 2),
          Packets.echo("100.64.0.7", "10.0.0.1", 9, false)
        }) {
      for (int n = 0; n < p.length; n++) {
        assertFalse(PacketParser.parse(p, 0, n, h), "length " + n);
      }
    }
  }

  @Test
  void badVersionsHeaderLengthsAndTcpOffsetsAreRefused() {
    byte[] p = Packets.tcp("100.64.0.7", 1, "10.0.0.1", 2, 2);
    byte[] v5 = p.clone();
    v5[0] = 0x55;
    assertFalse(parse(v5));
    byte[] shortIhl = p.clone();
    shortIhl[0] = 0x44;
    assertFalse(parse(shortIhl));
    byte[] tcpOffset = p.clone();
    tcpOffset[20 + 12] = (byte) 0xf0; // 60-byte TCP header in a 20-byte segment
    assertFalse(parse(tcpOffset));
    byte[] icmpInV6 = Packets.ip("fd00::1", "fd00::2", IpProtocols.ICMP, new byte[8]);
    assertFalse(parse(icmpInV6));
  }

  @Test
  void laterFragmentsAreRefusedBecauseTheyCarryNoPorts() {
    byte[] p = Packets.udp("100.64.0.7", 1, "10.0.0.1", 2);
    ByteBuffer.wrap(p).putShort(6, (short) 0x0010);
    assertFalse(parse(p));
  }

  @Test
  void anOffsetIntoALargerBufferIsHonoured() {
    byte[] p = Packets.udp("100.64.0.9", 7, "10.0.0.1", 8);
    byte[] buf = new byte[p.length + 32];
    System.arraycopy(p, 0, buf, 16, p.length);
    assertTrue(PacketParser.parse(buf, 16, p.length, h));
    assertEquals(8, h.dstPort());
    assertFalse(PacketParser.parse(buf, 16, buf.length, h), "length past the buffer");
  }
}
