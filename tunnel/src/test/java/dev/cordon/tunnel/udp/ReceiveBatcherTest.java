package dev.cordon.tunnel.udp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ReceiveBatcherTest {
  private static final InetSocketAddress LOCAL = new InetSocketAddress("127.0.0.1", 51820);

  private final List<DatagramBatch> delivered = new ArrayList<>();
  private final UdpCounters counters = new UdpCounters();

  @BeforeAll
  static void watchLeaks() {
    LeakWatch.install();
  }

  @AfterEach
  void releaseAndCheck() throws InterruptedException {
    delivered.forEach(DatagramBatch::release);
    LeakWatch.assertNoLeaks();
  }

  private static DatagramPacket packet(String text, int port) {
    ByteBuf content = Unpooled.copiedBuffer(text, StandardCharsets.US_ASCII);
    return new DatagramPacket(content, LOCAL, new InetSocketAddress("127.0.0.2", port));
  }

  private static String text(ByteBuf buf) {
    return buf.toString(StandardCharsets.US_ASCII);
  }

  @Test
  void theDatagramsOfOneReadPassReachTheSinkAsOneBatch() {
    EmbeddedChannel channel = new EmbeddedChannel(new ReceiveBatcher(delivered::add, 16, counters));
    channel.writeInbound(packet("a", 1), packet("bb", 2), packet("ccc", 3));
    assertEquals(1, delivered.size(), "one read pass, one batch");
    DatagramBatch batch = delivered.getFirst();
    assertEquals(3, batch.count());
    assertEquals("bb", text(batch.payload(1)));
    assertEquals(new InetSocketAddress("127.0.0.2", 3), batch.address(2));
    assertEquals(1, counters.batchesReceived.sum());
    assertEquals(3, counters.datagramsReceived.sum());
    assertFalse(channel.finish(), "nothing passes the batcher");
  }

  @Test
  void aPassLongerThanTheBatchLimitIsSplitInOrder() {
    EmbeddedChannel channel = new EmbeddedChannel(new ReceiveBatcher(delivered::add, 2, counters));
    channel.writeInbound(
        packet("1", 1), packet("2", 1), packet("3", 1), packet("4", 1), packet("5", 1));
    assertEquals(List.of(2, 2, 1), delivered.stream().map(DatagramBatch::count).toList());
    assertEquals("5", text(delivered.get(2).payload(0)));
    channel.finish();
  }

  @Test
  void aThrowingSinkIsCountedAndTheNextPassStillArrives() {
    List<DatagramBatch> taken = delivered;
    DatagramSink sink =
        batch -> {
          taken.add(batch);
          if (taken.size() == 1) {
            throw new IllegalStateException("sink failure");
          }
        };
    EmbeddedChannel channel = new EmbeddedChannel(new ReceiveBatcher(sink, 16, counters));
    channel.writeInbound(packet("x", 1));
    channel.writeInbound(packet("y", 1));
    assertEquals(2, delivered.size(), "the batcher stopped after a sink failure");
    assertEquals(1, counters.sinkErrors.sum());
    channel.finish();
  }

  @Test
  void datagramsOfAnUnfinishedPassAreReleasedWhenTheChannelCloses() {
    EmbeddedChannel channel = new EmbeddedChannel(new ReceiveBatcher(delivered::add, 16, counters));
    DatagramPacket pending = packet("pending", 1);
    channel.pipeline().fireChannelRead(pending);
    channel.close();
    assertEquals(0, pending.refCnt(), "the pending datagram was not released");
    assertEquals(List.of(), delivered);
  }

  @Test
  void messagesThatAreNotDatagramsAreReleasedAndIgnored() {
    EmbeddedChannel channel = new EmbeddedChannel(new ReceiveBatcher(delivered::add, 16, counters));
    ByteBuf stray = Unpooled.buffer(4).writeInt(7);
    channel.writeInbound(stray);
    assertEquals(0, stray.refCnt());
    assertEquals(List.of(), delivered);
    channel.finish();
  }

  @Test
  void socketErrorsAreCountedAndTheChannelStaysOpen() {
    EmbeddedChannel channel = new EmbeddedChannel(new ReceiveBatcher(delivered::add, 16, counters));
    channel.pipeline().fireExceptionCaught(new java.io.IOException("ICMP port unreachable"));
    channel.checkException();
    assertEquals(1, counters.socketErrors.sum());
    assertEquals(true, channel.isOpen());
    channel.finish();
  }
}
