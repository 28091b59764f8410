package dev.cordon.tunnel.tun;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A real TUN opened with the virtio-net header and offloads. Its only traffic targets
 * 100.64.251.0/30 on the interface itself; the interface vanishes when the device closes.
 */
@Tag("lab")
class TunOffloadsLabTest {
  private static final int REMOTE = 0x6440_FB02; // 100.64.251.2

  private final String name = "cltso" + ProcessHandle.current().pid() % 10000;

  @BeforeEach
  void needsRoot() {
    if (Libc.geteuid() != 0) {
      fail("this lab test creates a TUN interface: run it as root (or with CAP_NET_ADMIN)");
    }
  }

  @Test
  void theKernelTakesTheOffloadsAndPacketsFlowBothWaysBehindTheHeader() throws Exception {
    try (TunDevice tun = TunDevice.open(name, 1420, true);
        Arena arena = Arena.ofConfined()) {
      assertEquals(TunOffloads.TSO, tun.offloads(), "TUNSETOFFLOAD took csum, tso4 and tso6");
      tun.addAddress("100.64.251.1/30");
      tun.up();
      try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress("100.64.251.1", 0))) {
        socket.setSoTimeout(5_000);
        byte[] hello = "hello behind a vnet header".getBytes(StandardCharsets.US_ASCII);
        socket.send(
            new DatagramPacket(hello, hello.length, InetAddress.ofLiteral("100.64.251.2"), 9));

        byte[] read = readUdpTo(tun, arena.allocate(70_000), 9);
        Segments out = new Segments(2048, 1);
        Segmenter.Result result = new Segmenter(1420).segment(read, 0, read.length, out);
        assertEquals(1, result.packets(), "a datagram is one packet");
        ByteBuffer ip = ByteBuffer.wrap(out.copy(0));
        assertEquals(20 + 8 + hello.length, ip.limit());
        assertEquals(
            "hello behind a vnet header",
            new String(ip.array(), 28, hello.length, StandardCharsets.US_ASCII));
        assertTrue(ip.getShort(26) != 0, "the UDP checksum is filled in");
        assertEquals(0xFFFF, udpSum(ip), "and it verifies, whoever computed it");

        byte[] reply = "reply with a zero header".getBytes(StandardCharsets.US_ASCII);
        byte[] packet = udpPacket(REMOTE, 9, socket.getLocalPort(), reply);
        ByteBuffer write = ByteBuffer.allocateDirect(VirtioNetHeader.SIZE + packet.length);
        write.put(new byte[VirtioNetHeader.SIZE]).put(packet).flip();
        tun.write(write);
        assertFalse(write.hasRemaining(), "the kernel took header and packet");
        DatagramPacket received = new DatagramPacket(new byte[100], 100);
        socket.receive(received);
        assertEquals(
            "reply with a zero header",
            new String(received.getData(), 0, received.getLength(), StandardCharsets.US_ASCII));
      }
    }
    assertFalse(Files.exists(Path.of("/sys/class/net", name)), "closing removed " + name);
  }

  @Test
  void anEstablishedTcpStreamArrivesAsSuperPacketsThatSegmentIntoTheBytesSent() throws Exception {
    try (TunDevice tun = TunDevice.open(name, 1420, true);
        Arena arena = Arena.ofConfined();
        SocketChannel client = SocketChannel.open()) {
      tun.addAddress("100.64.251.1/30");
      tun.up();
      MemorySegment buffer = arena.allocate(70_000);
      client.configureBlocking(false);
      client.connect(new InetSocketAddress("100.64.251.2", 9));
      ByteBuffer syn = ByteBuffer.wrap(readTcpTo(tun, buffer, 0x02));
      int ip = VirtioNetHeader.SIZE;
      int clientPort = Short.toUnsignedInt(syn.getShort(ip + 20));
      long clientIsn = Integer.toUnsignedLong(syn.getInt(ip + 24));
      ByteBuffer write = ByteBuffer.allocateDirect(100);
      write.put(new byte[VirtioNetHeader.SIZE]).put(synAck(clientPort, clientIsn + 1)).flip();
      tun.write(write);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      while (!client.finishConnect() && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      assertTrue(client.isConnected(), "our SYN-ACK completed the handshake");
      byte[] sent = new byte[12 * 1380];
      for (int i = 0; i < sent.length; i++) {
        sent[i] = (byte) (i * 7 + 3);
      }
      client.write(ByteBuffer.wrap(sent));

      byte[] superPacket = readTcpTo(tun, buffer, -1);
      VirtioNetHeader header = VirtioNetHeader.read(superPacket, 0);
      assertEquals(VirtioNetHeader.GSO_TCPV4, header.gsoKind(), "the kernel used TSO");
      assertEquals(1380, header.gsoSize(), "the MSS our SYN-ACK announced");
      Segments out = new Segments(70_000, 64);
      Segmenter.Result result =
          new Segmenter(1420).segment(superPacket, 0, superPacket.length, out);
      assertTrue(result.packets() >= 2, "a super-packet holds several segments: " + result);
      for (int i = 0; i < out.count(); i++) {
        ByteBuffer segment = ByteBuffer.wrap(out.copy(i));
        assertTrue(segment.limit() <= 1420, "segment " + i + " fits the MTU");
        long offset = Integer.toUnsignedLong(segment.getInt(24)) - (clientIsn + 1);
        int payload = segment.limit() - 40;
        assertArrayEquals(
            Arrays.copyOfRange(sent, (int) offset, (int) offset + payload),
            Arrays.copyOfRange(segment.array(), 40, segment.limit()),
            "segment " + i + " carries the bytes at its sequence number");
      }
    }
  }

  /** Reads until a TCP packet from 100.64.251.1 to REMOTE:9 whose flags include {@code flags}. */
  private static byte[] readTcpTo(TunDevice tun, MemorySegment buffer, int flags)
      throws TunException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    int ip = VirtioNetHeader.SIZE;
    while (System.nanoTime() < deadline) {
      int n = tun.read(buffer, 250);
      if (n < ip + 40) {
        continue;
      }
      ByteBuffer b = ByteBuffer.wrap(buffer.asSlice(0, n).toArray(ValueLayout.JAVA_BYTE));
      boolean match =
          (b.get(ip) & 0xF0) == 0x40
              && b.get(ip + 9) == 6
              && b.getInt(ip + 16) == REMOTE
              && b.getShort(ip + 22) == 9
              && (flags < 0 ? n > ip + 40 + 12 : (b.get(ip + 33) & flags) == flags);
      if (match) {
        return b.array();
      }
    }
    return fail("no TCP packet to port 9 arrived on the TUN within 5 s");
  }

  /** Our SYN-ACK from REMOTE:9, announcing an MSS of 1380, ISN 1000, window 65535. */
  private static byte[] synAck(int clientPort, long ack) {
    ByteBuffer b = ByteBuffer.allocate(44);
    b.put((byte) 0x45).put((byte) 0).putShort((short) 44).putInt(0x4000);
    b.put((byte) 64).put((byte) 6).putShort((short) 0).putInt(REMOTE).putInt(0x6440_FB01);
    b.putShort(10, (short) ~fold(words(b, 0, 20)));
    b.putShort((short) 9).putShort((short) clientPort).putInt(1000).putInt((int) ack);
    b.put((byte) 0x60).put((byte) 0x12).putShort((short) 0xFFFF).putInt(0);
    b.putInt(0x0204_0564); // MSS 1380
    long pseudo = words(b, 12, 8) + 6 + 24;
    b.putShort(36, (short) ~fold(pseudo + words(b, 20, 24)));
    return b.array();
  }

  private static long words(ByteBuffer b, int from, int length) {
    long sum = 0;
    for (int i = from; i < from + length; i += 2) {
      sum += Short.toUnsignedInt(b.getShort(i));
    }
    return sum;
  }

  private static int fold(long sum) {
    while (sum > 0xFFFF) {
      sum = (sum >>> 16) + (sum & 0xFFFF);
    }
    return (int) sum;
  }

  /** Reads until an IPv4 UDP packet to REMOTE:port (after the 10-byte header); skips the rest. */
  private static byte[] readUdpTo(TunDevice tun, MemorySegment buffer, int port)
      throws TunException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (System.nanoTime() < deadline) {
      int n = tun.read(buffer, 250);
      if (n < VirtioNetHeader.SIZE + 28) {
        continue;
      }
      ByteBuffer b = ByteBuffer.wrap(buffer.asSlice(0, n).toArray(ValueLayout.JAVA_BYTE));
      int ip = VirtioNetHeader.SIZE;
      boolean match =
          (b.get(ip) & 0xF0) == 0x40
              && b.get(ip + 9) == 17
              && b.getInt(ip + 16) == REMOTE
              && Short.toUnsignedInt(b.getShort(ip + 22)) == port;
      if (match) {
        return b.array();
      }
    }
    return fail("no UDP packet to port " + port + " arrived on the TUN within 5 s");
  }

  /** IPv4/UDP from source:sourcePort to 100.64.251.1, header checksum set, no UDP checksum. */
  private static byte[] udpPacket(int source, int sourcePort, int port, byte[] payload) {
    ByteBuffer b = ByteBuffer.allocate(28 + payload.length);
    b.put((byte) 0x45).put((byte) 0).putShort((short) b.capacity()).putInt(0);
    b.put((byte) 64).put((byte) 17).putShort((short) 0).putInt(source).putInt(0x6440_FB01);
    int sum = 0;
    for (int i = 0; i < 20; i += 2) {
      sum += Short.toUnsignedInt(b.getShort(i));
    }
    sum = (sum & 0xFFFF) + (sum >>> 16);
    b.putShort(10, (short) ~((sum & 0xFFFF) + (sum >>> 16)));
    b.putShort((short) sourcePort).putShort((short) port).putShort((short) (8 + payload.length));
    return b.putShort((short) 0).put(payload).array();
  }

  /** The UDP datagram's sum with its pseudo-header, folded: 0xFFFF when the checksum is right. */
  private static int udpSum(ByteBuffer ip) {
    int udpLength = ip.limit() - 20;
    long sum = 17 + udpLength;
    for (int i = 12; i < 20; i += 2) {
      sum += Short.toUnsignedInt(ip.getShort(i));
    }
    for (int i = 20; i < ip.limit(); i += 2) {
      sum += i + 1 < ip.limit() ? Short.toUnsignedInt(ip.getShort(i)) : (ip.get(i) & 0xFF) << 8;
    }
    while (sum > 0xFFFF) {
      sum = (sum >>> 16) + (sum & 0xFFFF);
    }
    return (int) sum;
  }
}
