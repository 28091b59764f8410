package dev.cordon.tunnel.tun;

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
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A real TUN interface in this namespace. Its only traffic targets 100.64.250.0/30 on the interface
 * itself, so nothing leaves the machine; the interface vanishes when the device closes.
 */
@Tag("lab")
class TunDeviceLabTest {
  private static final ValueLayout.OfShort NET_SHORT =
      ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
  private static final ValueLayout.OfInt NET_INT =
      ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
  private static final int LOCAL = 0x6440_FA01; // 100.64.250.1
  private static final int REMOTE = 0x6440_FA02; // 100.64.250.2

  private final String name = "cltun" + ProcessHandle.current().pid() % 10000;

  @BeforeEach
  void needsRoot() {
    if (Libc.geteuid() != 0) {
      fail("this lab test creates a TUN interface: run it as root (or with CAP_NET_ADMIN)");
    }
  }

  @Test
  void aDatagramRoutedToTheInterfaceIsReadAndAWrittenReplyReachesALocalSocket() throws Exception {
    try (TunDevice tun = TunDevice.open(name, 1420);
        Arena arena = Arena.ofConfined()) {
      assertEquals(name, tun.name());
      tun.addAddress("100.64.250.1/30");
      tun.up();
      try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress("100.64.250.1", 0))) {
        socket.setSoTimeout(5_000);
        byte[] hello = "hello through tun".getBytes(StandardCharsets.US_ASCII);
        socket.send(
            new DatagramPacket(hello, hello.length, InetAddress.ofLiteral("100.64.250.2"), 9));

        MemorySegment buffer = arena.allocate(2048);
        int length = readUdpTo(tun, buffer, REMOTE, 9);
        assertEquals(20 + 8 + hello.length, length, "an IPv4 header, a UDP header and the payload");
        assertEquals(LOCAL, buffer.get(NET_INT, 12), "sent from the interface's address");
        assertEquals(socket.getLocalPort(), Short.toUnsignedInt(buffer.get(NET_SHORT, 20)));
        assertEquals("hello through tun", text(buffer, 28, length - 28));

        byte[] reply = "reply from the overlay".getBytes(StandardCharsets.US_ASCII);
        tun.write(udpPacket(arena, REMOTE, 9, LOCAL, socket.getLocalPort(), reply));
        DatagramPacket received = new DatagramPacket(new byte[100], 100);
        socket.receive(received);
        assertEquals(
            "reply from the overlay",
            new String(received.getData(), 0, received.getLength(), StandardCharsets.US_ASCII));
        assertEquals(new InetSocketAddress("100.64.250.2", 9), received.getSocketAddress());
      }
    }
    assertFalse(
        Files.exists(Path.of("/sys/class/net", name)), "closing the device removed " + name);
  }

  @Test
  void closingTheDeviceWakesABlockedReader() throws Exception {
    TunDevice tun = TunDevice.open(name, 1420);
    try (Arena arena = Arena.ofShared()) {
      MemorySegment buffer = arena.allocate(2048);
      CompletableFuture<Integer> reader =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  int n;
                  do {
                    n = tun.read(buffer);
                  } while (n > 0); // a down interface may still see nothing; skip anything read
                  return n;
                } catch (TunException e) {
                  throw new IllegalStateException(e);
                }
              });
      Thread.sleep(200);
      assertFalse(reader.isDone(), "the reader is blocked waiting for a packet");
      tun.close();
      assertEquals(-1, reader.get(5, TimeUnit.SECONDS), "a closed device reads as -1");
    } finally {
      tun.close();
    }
    assertFalse(Files.exists(Path.of("/sys/class/net", name)));
  }

  /** Reads until an IPv4 UDP packet to the given address and port; skips IPv6 chatter. */
  private static int readUdpTo(TunDevice tun, MemorySegment buffer, int address, int port)
      throws TunException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (System.nanoTime() < deadline) {
      int n = tun.read(buffer, 250);
      boolean match =
          n >= 28
              && (buffer.get(ValueLayout.JAVA_BYTE, 0) & 0xF0) == 0x40
              && buffer.get(ValueLayout.JAVA_BYTE, 9) == 17
              && buffer.get(NET_INT, 16) == address
              && Short.toUnsignedInt(buffer.get(NET_SHORT, 22)) == port;
      if (match) {
        return n;
      }
    }
    return fail("no UDP packet to port " + port + " arrived on the TUN within 5 s");
  }

  /** An IPv4/UDP packet with a valid header checksum and no UDP checksum (allowed over IPv4). */
  private static MemorySegment udpPacket(
      Arena arena,
      int source,
      int sourcePort,
      int destination,
      int destinationPort,
      byte[] payload) {
    int length = 20 + 8 + payload.length;
    MemorySegment packet = arena.allocate(length);
    packet.set(ValueLayout.JAVA_BYTE, 0, (byte) 0x45);
    packet.set(NET_SHORT, 2, (short) length);
    packet.set(ValueLayout.JAVA_BYTE, 8, (byte) 64);
    packet.set(ValueLayout.JAVA_BYTE, 9, (byte) 17);
    packet.set(NET_INT, 12, source);
    packet.set(NET_INT, 16, destination);
    packet.set(NET_SHORT, 10, checksum(packet, 20));
    packet.set(NET_SHORT, 20, (short) sourcePort);
    packet.set(NET_SHORT, 22, (short) destinationPort);
    packet.set(NET_SHORT, 24, (short) (8 + payload.length));
    MemorySegment.copy(payload, 0, packet, ValueLayout.JAVA_BYTE, 28, payload.length);
    return packet;
  }

  private static short checksum(MemorySegment header, int length) {
    int sum = 0;
    for (int i = 0; i < length; i += 2) {
      sum += Short.toUnsignedInt(header.get(NET_SHORT, i));
    }
    while ((sum >>> 16) != 0) {
      sum = (sum & 0xFFFF) + (sum >>> 16);
    }
    return (short) ~sum;
  }

  private static String text(MemorySegment buffer, int offset, int length) {
    return new String(
        buffer.asSlice(offset, length).toArray(ValueLayout.JAVA_BYTE), StandardCharsets.US_ASCII);
  }

  @Test
  void theCheckSumOfAKnownHeaderIsRight() {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment packet = udpPacket(arena, LOCAL, 1, REMOTE, 2, new byte[0]);
      assertEquals(0, checksum(packet, 20), "a header with its checksum sums to zero");
      assertTrue(packet.get(NET_SHORT, 10) != 0);
    }
  }
}
