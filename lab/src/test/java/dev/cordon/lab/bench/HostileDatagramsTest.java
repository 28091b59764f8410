package dev.cordon.lab.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.Test;

class HostileDatagramsTest {
  final SecureRandom random = new SecureRandom();

  @Test
  void wrongLengthsCoverEveryTypeAtEveryLengthButItsOwn() {
    List<byte[]> all = HostileDatagrams.wrongLengths(random);
    for (byte[] d : all) {
      if (d.length == 0) continue;
      int type = d[0];
      assertTrue(type >= 1 && type <= 4, "type " + type);
      if (type == 4) assertTrue(d.length < 32, "a transport message of valid length");
      else assertTrue(d.length != HostileDatagrams.VALID_LENGTH[type - 1], "valid length " + type);
    }
    // 202 lengths (0..200, 1500) per type, less each type's valid ones, one empty datagram in all.
    assertEquals((202 - 1 - 1) * 3 + (32 - 1) + 1, all.size());
  }

  @Test
  void aBadMac1InitiationDiffersFromAValidOneOnlyInItsMac1() {
    byte[] responder = Keys.generate().publicKey();
    byte[] forged = HostileDatagrams.badMac1(responder, random, 1).getFirst();
    assertEquals(148, forged.length);
    assertEquals(1, forged[0]);
  }

  @Test
  void aFlippedTransportMessageKeepsItsHeaderAndDiffersInExactlyOneBit() {
    byte[] m = new byte[64];
    random.nextBytes(m);
    m[0] = 4;
    byte[] f = HostileDatagrams.flipped(List.of(m), random).getFirst();
    assertArrayEquals(java.util.Arrays.copyOf(m, 8), java.util.Arrays.copyOf(f, 8));
    int bits = 0;
    for (int i = 0; i < m.length; i++) bits += Integer.bitCount((m[i] ^ f[i]) & 0xff);
    assertEquals(1, bits);
  }

  @Test
  void theCaptureTakesTheUdpPayloadByTheIpLengthNotTheFramesPadding() {
    byte[] source = {(byte) 192, 0, 2, 12};
    byte[] packet = new byte[20 + 8 + 4 + 14]; // 14 bytes of Ethernet padding after the packet
    packet[0] = 0x45;
    packet[3] = 32; // total length 32
    packet[9] = 17;
    System.arraycopy(source, 0, packet, 12, 4);
    packet[22] = (byte) (51820 >> 8);
    packet[23] = (byte) (51820 & 0xff);
    packet[28] = 4;
    byte[] payload = UdpCapture.udpPayload(packet, source, 51820);
    assertEquals(4, payload.length);
    assertEquals(4, payload[0]);
    assertNull(UdpCapture.udpPayload(packet, new byte[] {10, 0, 0, 1}, 51820), "other source");
    assertNull(UdpCapture.udpPayload(packet, source, 51821), "other port");
  }
}
