package dev.cordon.tunnel.udp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.netty.buffer.ByteBuf;
import io.netty.channel.epoll.Epoll;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class UdpTransportTest {
  private final List<UdpTransport> open = new ArrayList<>();

  @BeforeAll
  static void watchLeaks() {
    LeakWatch.install();
  }

  @AfterEach
  void closeAndCheckLeaks() throws InterruptedException {
    open.forEach(UdpTransport::close);
    LeakWatch.assertNoLeaks();
  }

  private UdpTransport bind(UdpOptions options, DatagramSink sink) throws IOException {
    UdpTransport transport = UdpTransport.bind(options, sink);
    open.add(transport);
    return transport;
  }

  /** The three read paths: epoll with GRO (recvmsg), epoll without it (recvmmsg), and NIO. */
  enum Mode {
    EPOLL_GRO,
    EPOLL_RECVMMSG,
    NIO;

    UdpTransport.Kind kind() {
      return this == NIO ? UdpTransport.Kind.NIO : UdpTransport.Kind.EPOLL;
    }
  }

  private static UdpOptions on(String address, UdpTransport.Kind kind) throws IOException {
    return on(address, kind == UdpTransport.Kind.NIO ? Mode.NIO : Mode.EPOLL_GRO);
  }

  private static UdpOptions on(String address, Mode mode) throws IOException {
    return UdpOptions.builder()
        .bindAddress(InetAddress.getByName(address))
        .forceNio(mode == Mode.NIO)
        .udpGro(mode == Mode.EPOLL_GRO)
        .build();
  }

  /** Sends datagrams {@code first..first+count-1} in batches of {@code perBatch}. */
  private static void sendRange(
      UdpTransport from, InetSocketAddress to, int first, int count, int perBatch, boolean fixed) {
    DatagramBatch batch = new DatagramBatch(perBatch);
    for (int index = first; index < first + count; index++) {
      int size = fixed ? Loopback.FIXED_SIZE : Loopback.sizeOf(index);
      batch.add(to, Loopback.fill(from.allocator().directBuffer(size), index, size));
      if (batch.count() == perBatch) {
        from.send(batch);
        batch = new DatagramBatch(perBatch);
      }
    }
    if (batch.isEmpty()) {
      return;
    }
    from.send(batch);
  }

  private static void requireEpollOnLinux() {
    if (System.getProperty("os.name").toLowerCase().contains("linux") && !Epoll.isAvailable()) {
      fail("Netty epoll unavailable on Linux", Epoll.unavailabilityCause());
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void twoTransportsExchangeAThousandDatagramsOfVariedSizesByteForByte(Mode mode) throws Exception {
    Loopback atA = new Loopback();
    Loopback atB = new Loopback();
    UdpTransport a = bind(on("127.0.0.1", mode), atA);
    UdpTransport b = bind(on("127.0.0.1", mode), atB);
    assertEquals(mode.kind(), a.kind());
    assertEquals(mode == Mode.EPOLL_GRO, a.info().udpGro(), "GRO state: " + a.info());

    sendRange(a, b.localAddress(), 0, 1000, 50, false);
    sendRange(b, a.localAddress(), 0, 1000, 50, false);

    atB.awaitAll(1000, a.localAddress());
    atA.awaitAll(1000, b.localAddress());
    assertEquals(1000, a.stats().datagramsSent());
    assertEquals(1000, b.stats().datagramsReceived());
    assertEquals(0, a.stats().datagramsDropped() + b.stats().datagramsDropped());
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void aBurstOfTwoHundredDatagramsReachesTheSinkInBatchesLargerThanOne(Mode mode) throws Exception {
    Loopback atB = new Loopback();
    // Without GSO the burst is two hundred separate datagrams, so any batching is the reader's.
    UdpTransport a = bind(on("127.0.0.1", mode).toBuilder().udpGso(false).build(), new Loopback());
    UdpTransport b = bind(on("127.0.0.1", mode), atB);

    sendRange(a, b.localAddress(), 0, 200, 200, false);

    atB.awaitAll(200, a.localAddress());
    assertEquals(0, a.stats().gsoWrites());
    assertTrue(
        atB.batchSizes.stream().anyMatch(size -> size > 1),
        "every datagram arrived alone: " + atB.batchSizes);
  }

  @ParameterizedTest
  @EnumSource(UdpTransport.Kind.class)
  void ipv6LoopbackWorks(UdpTransport.Kind kind) throws Exception {
    Loopback atB = new Loopback();
    UdpTransport a = bind(on("::1", kind), new Loopback());
    UdpTransport b = bind(on("::1", kind), atB);
    assertEquals(InetAddress.getByName("::1"), b.localAddress().getAddress());

    sendRange(a, b.localAddress(), 0, 100, 25, false);

    atB.awaitAll(100, a.localAddress());
  }

  @Test
  void epollServesTheSocketOnLinuxWithGroRecvmmsgAndGrantedBuffers() throws Exception {
    requireEpollOnLinux();
    UdpTransport t = bind(UdpOptions.DEFAULT, new Loopback());
    UdpSocketInfo info = t.info();
    assertEquals(UdpTransport.Kind.EPOLL, info.kind());
    assertNotEquals(0, info.localAddress().getPort(), "an ephemeral port was not reported");
    assertTrue(info.udpGro(), "GRO unavailable on this Linux: " + info);
    assertEquals(65535, info.readSlotBytes(), "a GRO read must hold 64 KiB of segments");
    UdpOptions noGro = UdpOptions.builder().udpGro(false).build();
    UdpSocketInfo recvmmsg = bind(noGro, new Loopback()).info();
    assertEquals(noGro.readSlots(), recvmmsg.readSlots(), "reads are not batched: " + recvmmsg);
    assertTrue(info.receiveBufferBytes() >= 256 * 1024, "tiny SO_RCVBUF: " + info);
    assertTrue(info.sendBufferBytes() >= 256 * 1024, "tiny SO_SNDBUF: " + info);
    assertTrue(info.udpGso(), "GSO unavailable on this Linux: " + info);
  }

  @Test
  void equalSizeDatagramsToOnePeerLeaveAsGsoWritesAndArriveSeparately() throws Exception {
    requireEpollOnLinux();
    Loopback atB = new Loopback();
    UdpTransport a = bind(on("127.0.0.1", UdpTransport.Kind.EPOLL), new Loopback());
    UdpTransport b = bind(on("127.0.0.1", UdpTransport.Kind.EPOLL), atB);

    sendRange(a, b.localAddress(), 0, 120, 120, true);

    atB.awaitAll(120, a.localAddress());
    assertTrue(a.stats().gsoWrites() >= 2, "no GSO writes: " + a.stats());
    assertEquals(0, a.stats().gsoFailures());
  }

  @Test
  void forcingNioGivesTheNioTransport() throws Exception {
    UdpTransport t = bind(UdpOptions.builder().forceNio(true).build(), new Loopback());
    assertEquals(UdpTransport.Kind.NIO, t.kind());
    assertFalse(t.info().udpGro() || t.info().udpGso(), "offloads reported under NIO");
  }

  @Test
  void bindingAPortInUseFailsWithTheAddress() throws Exception {
    UdpTransport first = bind(on("127.0.0.1", UdpTransport.Kind.EPOLL), new Loopback());
    UdpOptions same =
        on("127.0.0.1", UdpTransport.Kind.EPOLL).toBuilder()
            .port(first.localAddress().getPort())
            .build();
    IOException e = assertThrows(IOException.class, () -> UdpTransport.bind(same, new Loopback()));
    assertTrue(
        e.getMessage().contains(String.valueOf(first.localAddress().getPort())), e.getMessage());
  }

  @Test
  void aLoneDatagramFromAnIdleSenderLeavesFromTheSendingThreadWithoutTheEventLoop()
      throws Exception {
    requireEpollOnLinux();
    Loopback atB = new Loopback();
    UdpTransport a = bind(on("127.0.0.1", UdpTransport.Kind.EPOLL), new Loopback());
    UdpTransport b = bind(on("127.0.0.1", UdpTransport.Kind.EPOLL), atB);

    for (int index = 0; index < 20; index++) {
      sendRange(a, b.localAddress(), index, 1, 1, false);
      atB.awaitAll(index + 1, a.localAddress());
    }

    assertEquals(20, a.stats().datagramsSent());
    assertEquals(20, a.stats().directSends(), "some lone datagrams waited for the event loop");
    assertEquals(0, a.stats().datagramsDropped());
  }

  @Test
  void aBatchLargerThanTheDirectLimitStillGoesThroughTheEventLoopInOneFlush() throws Exception {
    requireEpollOnLinux();
    Loopback atB = new Loopback();
    UdpTransport a = bind(on("127.0.0.1", UdpTransport.Kind.EPOLL), new Loopback());
    UdpTransport b = bind(on("127.0.0.1", UdpTransport.Kind.EPOLL), atB);
    int count = NettyUdpTransport.DIRECT_MAX + 1;

    sendRange(a, b.localAddress(), 0, count, count, false);

    atB.awaitAll(count, a.localAddress());
    assertEquals(count, a.stats().datagramsSent());
    assertEquals(0, a.stats().directSends(), "a batch went datagram by datagram: " + a.stats());
  }

  @Test
  void closingStopsTheIoThreadAndDropsLaterBatchesWithTheirBuffers() throws Exception {
    Loopback atB = new Loopback();
    UdpTransport a = bind(on("127.0.0.1", UdpTransport.Kind.EPOLL), new Loopback());
    UdpTransport b = bind(on("127.0.0.1", UdpTransport.Kind.EPOLL), atB);
    sendRange(a, b.localAddress(), 0, 10, 10, false);
    atB.awaitAll(10, a.localAddress());

    b.close();
    a.close();

    // Netty completes the termination future just before the thread itself returns.
    atB.ioThread.join(Duration.ofSeconds(5));
    assertFalse(atB.ioThread.isAlive(), "the event loop outlived close()");
    ByteBuf late = Loopback.fill(a.allocator().directBuffer(8), 0, 8);
    DatagramBatch batch = new DatagramBatch(1);
    batch.add(b.localAddress(), late);
    a.send(batch);
    assertEquals(0, late.refCnt(), "a batch sent after close kept its buffer");
    assertEquals(1, a.stats().datagramsDropped());
    a.close();
  }
}
