package dev.cordon.tunnel.tun;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * Hand-built super-packets as a TUN with TSO hands them over, cut by the segmenter; every segment
 * is checked field by field, and its checksums with a routine written independently below.
 */
class SegmenterTest {
  private static final int MTU = 1420;
  private static final int FIN = 0x01;
  private static final int PSH = 0x08;
  private static final int ACK = 0x10;
  private static final int CWR = 0x80;
  private static final long SEQUENCE = 0xFFFF_F000L; // wraps past 2^32 within a few segments

  private final Segments out = new Segments(1024, 2);

  @Test
  void anIpv4SuperPacketBecomesMssSizedSegmentsWithFixedHeadersAndValidChecksums() {
    int mss = 1368;
    byte[] payload = payload(3 * mss + 100);
    byte[] buffer =
        vnet(VirtioNetHeader.GSO_TCPV4, mss, tcp4(payload, FIN | PSH | ACK | CWR, 0x1234));

    Segmenter.Result result = new Segmenter(MTU).segment(buffer, 0, buffer.length, out);

    assertTrue(result.accepted());
    assertEquals(4, result.packets());
    assertEquals(4, out.count());
    for (int i = 0; i < 4; i++) {
      ByteBuffer s = segment(i);
      int chunk = i < 3 ? mss : 100;
      assertEquals(20 + 32 + chunk, s.limit(), "segment " + i + " length");
      assertEquals(20 + 32 + chunk, u16(s, 2), "IPv4 total length");
      assertEquals(0x1234 + i, u16(s, 4), "IPv4 identification counts up");
      assertEquals(0, foldedSum(s, 0, 20, 0), "IPv4 header checksum verifies");
      assertEquals((SEQUENCE + (long) i * mss) & 0xFFFF_FFFFL, u32(s, 24), "sequence number");
      int flags = s.get(33) & 0xFF;
      assertEquals(ACK | (i == 0 ? CWR : 0) | (i == 3 ? FIN | PSH : 0), flags, "flags of " + i);
      assertEquals(0, foldedSum(s, 20, s.limit() - 20, pseudo4(s)), "TCP checksum verifies");
      assertArrayEquals(
          Arrays.copyOfRange(payload, i * mss, i * mss + chunk),
          Arrays.copyOfRange(out.data(), out.offset(i) + 52, out.offset(i) + 52 + chunk));
    }
  }

  @Test
  void anIpv6SuperPacketBecomesSegmentsWithPayloadLengthsAndValidChecksums() {
    int mss = 1348;
    byte[] payload = payload(2 * mss);
    byte[] buffer =
        vnet(
            VirtioNetHeader.GSO_TCPV6 | VirtioNetHeader.GSO_ECN,
            mss,
            tcp6(payload, PSH | ACK | CWR));

    Segmenter.Result result = new Segmenter(MTU).segment(buffer, 0, buffer.length, out);

    assertEquals(2, result.packets());
    for (int i = 0; i < 2; i++) {
      ByteBuffer s = segment(i);
      assertEquals(40 + 32 + mss, s.limit());
      assertEquals(32 + mss, u16(s, 4), "IPv6 payload length");
      assertEquals((SEQUENCE + (long) i * mss) & 0xFFFF_FFFFL, u32(s, 44));
      int flags = s.get(53) & 0xFF;
      assertEquals(ACK | (i == 0 ? CWR : PSH), flags, "CWR first only, PSH last only");
      assertEquals(0, foldedSum(s, 40, s.limit() - 40, pseudo6(s)), "TCP checksum verifies");
    }
  }

  @Property(tries = 200)
  void segmentsReassembleToTheOriginalPayloadAndAllVerify(
      @ForAll @IntRange(min = 1, max = 20_000) int length,
      @ForAll @IntRange(min = 100, max = 1368) int mss) {
    byte[] payload = payload(length);
    byte[] buffer = vnet(VirtioNetHeader.GSO_TCPV4, mss, tcp4(payload, ACK, 7));
    out.clear();
    Segmenter.Result result = new Segmenter(MTU).segment(buffer, 0, buffer.length, out);

    assertEquals((length + mss - 1) / mss, result.packets());
    ByteBuffer joined = ByteBuffer.allocate(length);
    for (int i = 0; i < out.count(); i++) {
      ByteBuffer s = segment(i);
      assertTrue(s.limit() <= MTU, "a segment fits the MTU");
      assertEquals(0, foldedSum(s, 0, 20, 0));
      assertEquals(0, foldedSum(s, 20, s.limit() - 20, pseudo4(s)));
      joined.put(out.data(), out.offset(i) + 52, s.limit() - 52);
    }
    assertArrayEquals(payload, joined.array());
  }

  @Test
  void aPacketWhoseChecksumWasLeftToUsIsCompleted() {
    byte[] packet = tcp4(payload(301), PSH | ACK, 1);
    ByteBuffer p = ByteBuffer.wrap(packet);
    // What the kernel leaves: the pseudo-header's sum, not complemented, in the checksum field.
    int partial = fold(pseudo4(p));
    p.putShort(36, (short) partial);
    byte[] buffer = vnet(VirtioNetHeader.GSO_NONE, 0, packet);
    buffer[0] = VirtioNetHeader.F_NEEDS_CSUM;
    ByteBuffer.wrap(buffer, 6, 4)
        .order(ByteOrder.LITTLE_ENDIAN)
        .putShort((short) 20)
        .putShort((short) 16);

    Segmenter.Result result = new Segmenter(MTU).segment(buffer, 0, buffer.length, out);

    assertEquals(1, result.packets());
    ByteBuffer s = segment(0);
    assertEquals(packet.length, s.limit());
    assertEquals(
        0, foldedSum(s, 20, s.limit() - 20, pseudo4(s)), "the completed checksum verifies");
  }

  @Test
  void aPlainPacketPassesThroughUnchanged() {
    byte[] packet = tcp4(payload(10), ACK, 1);
    byte[] buffer = vnet(VirtioNetHeader.GSO_NONE, 0, packet);

    assertEquals(1, new Segmenter(MTU).segment(buffer, 0, buffer.length, out).packets());
    assertArrayEquals(packet, out.copy(0));
  }

  @Test
  void aUdpFragmentationOffloadIsDroppedAsUnsupported() {
    byte[] buffer = vnet(VirtioNetHeader.GSO_UDP, 1000, tcp4(payload(3000), ACK, 1));

    Segmenter.Result result = new Segmenter(MTU).segment(buffer, 0, buffer.length, out);

    assertEquals(Segmenter.Rejection.UNSUPPORTED_GSO, result.rejection());
    assertEquals(0, out.count());
  }

  @Test
  void aSegmentSizeBeyondTheMtuIsRejectedAsMalformed() {
    byte[] buffer = vnet(VirtioNetHeader.GSO_TCPV4, 1400, tcp4(payload(5000), ACK, 1));

    Segmenter.Result result = new Segmenter(MTU).segment(buffer, 0, buffer.length, out);

    assertEquals(Segmenter.Rejection.MALFORMED, result.rejection(), "52 + 1400 > 1420");
  }

  @Test
  void aTcpv4SuperPacketHoldingIpv6IsRejectedAsMalformed() {
    byte[] buffer = vnet(VirtioNetHeader.GSO_TCPV4, 1000, tcp6(payload(3000), ACK));

    assertEquals(
        Segmenter.Rejection.MALFORMED,
        new Segmenter(MTU).segment(buffer, 0, buffer.length, out).rejection());
  }

  // --- building packets -------------------------------------------------------------------------

  private static byte[] payload(int length) {
    byte[] p = new byte[length];
    for (int i = 0; i < length; i++) {
      p[i] = (byte) (i * 31 + 7);
    }
    return p;
  }

  /** IPv4 100.64.1.1 -> 100.64.1.2, TCP 40000 -> 5201 with 12 bytes of options (timestamps). */
  private static byte[] tcp4(byte[] payload, int flags, int id) {
    ByteBuffer b = ByteBuffer.allocate(20 + 32 + payload.length);
    b.put((byte) 0x45).put((byte) 0).putShort((short) b.capacity()).putShort((short) id);
    b.putShort((short) 0x4000).put((byte) 64).put((byte) 6).putShort((short) 0);
    b.putInt(0x6440_0101).putInt(0x6440_0102);
    tcpHeader(b, flags);
    return b.put(payload).array();
  }

  /** IPv6 fd00::1 -> fd00::2, the same TCP header. */
  private static byte[] tcp6(byte[] payload, int flags) {
    ByteBuffer b = ByteBuffer.allocate(40 + 32 + payload.length);
    b.putInt(0x6000_0000).putShort((short) (32 + payload.length)).put((byte) 6).put((byte) 64);
    b.putLong(0xfd00_0000_0000_0000L).putLong(1).putLong(0xfd00_0000_0000_0000L).putLong(2);
    tcpHeader(b, flags);
    return b.put(payload).array();
  }

  private static void tcpHeader(ByteBuffer b, int flags) {
    b.putShort((short) 40000).putShort((short) 5201).putInt((int) SEQUENCE).putInt(99);
    b.put((byte) 0x80).put((byte) flags).putShort((short) 512).putShort((short) 0xBEEF);
    b.putShort((short) 0).putInt(0x0101080A).putInt(1).putInt(2); // NOP NOP timestamps
  }

  private static byte[] vnet(int gsoType, int gsoSize, byte[] packet) {
    ByteBuffer b = ByteBuffer.allocate(10 + packet.length).order(ByteOrder.LITTLE_ENDIAN);
    b.put((byte) 0).put((byte) gsoType).putShort((short) 0).putShort((short) gsoSize);
    b.putShort((short) 0).putShort((short) 0);
    return b.put(packet).array();
  }

  private ByteBuffer segment(int i) {
    return ByteBuffer.wrap(out.copy(i));
  }

  // --- an independent checksum: 32-bit words of the pseudo-header, 16-bit words of the rest -----

  private static int u16(ByteBuffer b, int i) {
    return Short.toUnsignedInt(b.getShort(i));
  }

  private static long u32(ByteBuffer b, int i) {
    return Integer.toUnsignedLong(b.getInt(i));
  }

  private static long pseudo4(ByteBuffer ip) {
    int tcpLength = ip.limit() - (ip.get(0) & 0xF) * 4;
    return words(ip, 12, 8) + 6 + tcpLength;
  }

  private static long pseudo6(ByteBuffer ip) {
    return words(ip, 8, 32) + 6 + (ip.limit() - 40);
  }

  private static long words(ByteBuffer b, int from, int length) {
    long sum = 0;
    for (int i = 0; i < length; i += 2) {
      sum += i + 1 < length ? u16(b, from + i) : (b.get(from + i) & 0xFF) << 8;
    }
    return sum;
  }

  private static int fold(long sum) {
    long s = sum;
    while (s > 0xFFFF) {
      s = (s >>> 16) + (s & 0xFFFF);
    }
    return (int) s;
  }

  /** Zero when the region (with its stored checksum) verifies: the complement of its sum. */
  private static int foldedSum(ByteBuffer b, int from, int length, long initial) {
    return 0xFFFF - fold(initial + words(b, from, length));
  }
}
