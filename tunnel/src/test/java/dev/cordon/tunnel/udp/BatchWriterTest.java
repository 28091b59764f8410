package dev.cordon.tunnel.udp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.unix.SegmentedDatagramPacket;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class BatchWriterTest {
  private static final InetSocketAddress A = new InetSocketAddress("127.0.0.1", 1000);
  private static final InetSocketAddress B = new InetSocketAddress("127.0.0.1", 1001);

  private final EmbeddedChannel channel = new EmbeddedChannel();
  private final UdpCounters counters = new UdpCounters();

  @BeforeAll
  static void watchLeaks() {
    LeakWatch.install();
  }

  @AfterEach
  void finish() throws InterruptedException {
    channel.finishAndReleaseAll();
    LeakWatch.assertNoLeaks();
  }

  private static ByteBuf filled(int size, int value) {
    ByteBuf buf = Unpooled.directBuffer(size);
    for (int i = 0; i < size; i++) {
      buf.writeByte(value + i);
    }
    return buf;
  }

  @Test
  void aRunOfEqualSizesToOnePeerLeavesAsOneSegmentedWrite() {
    DatagramBatch batch = new DatagramBatch(4);
    batch.add(A, filled(100, 1));
    batch.add(A, filled(100, 2));
    batch.add(A, filled(40, 3));
    new BatchWriter(channel, true, counters).write(batch);

    SegmentedDatagramPacket out =
        assertInstanceOf(SegmentedDatagramPacket.class, channel.readOutbound());
    assertEquals(100, out.segmentSize());
    assertEquals(A, out.recipient());
    ByteBuf expected = Unpooled.wrappedBuffer(filled(100, 1), filled(100, 2), filled(40, 3));
    assertEquals(ByteBufUtil.hexDump(expected), ByteBufUtil.hexDump(out.content()));
    expected.release();
    out.release();
    assertNull(channel.readOutbound(), "one write expected");
    assertEquals(1, counters.gsoWrites.sum());
    assertEquals(3, counters.datagramsSent.sum());
  }

  @Test
  void withoutGsoEveryDatagramIsItsOwnWriteInOrder() {
    DatagramBatch batch = new DatagramBatch(4);
    batch.add(A, filled(100, 1));
    batch.add(A, filled(100, 2));
    batch.add(B, filled(50, 3));
    new BatchWriter(channel, false, counters).write(batch);

    for (int i = 1; i <= 3; i++) {
      DatagramPacket out = assertInstanceOf(DatagramPacket.class, channel.readOutbound());
      assertFalse(out instanceof SegmentedDatagramPacket, "segmented write without GSO");
      assertEquals(i == 3 ? B : A, out.recipient());
      assertEquals(i, out.content().getByte(0));
      out.release();
    }
    assertNull(channel.readOutbound());
    assertEquals(0, counters.gsoWrites.sum());
  }

  @Test
  void aBatchForAClosedChannelIsDroppedAndReleased() {
    channel.close();
    ByteBuf payload = filled(10, 0);
    DatagramBatch batch = new DatagramBatch(1);
    batch.add(A, payload);
    new BatchWriter(channel, true, counters).write(batch);
    assertEquals(0, payload.refCnt(), "a dropped payload was not released");
    assertEquals(1, counters.datagramsDropped.sum());
  }

  @Test
  void theDatagramsOfAGsoWriteTheKernelRefusedCountAsDroppedAndGsoTurnsOff() {
    EmbeddedChannel refusing =
        new EmbeddedChannel(
            new ChannelOutboundHandlerAdapter() {
              @Override
              public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
                if (msg instanceof SegmentedDatagramPacket) {
                  ReferenceCountUtil.release(msg);
                  promise.setFailure(new java.io.IOException("EIO"));
                } else {
                  ctx.write(msg, promise);
                }
              }
            });
    try {
      DatagramBatch batch = new DatagramBatch(4);
      batch.add(A, filled(100, 1));
      batch.add(A, filled(100, 2));
      batch.add(A, filled(100, 3));
      BatchWriter writer = new BatchWriter(refusing, true, counters);
      writer.write(batch);
      assertEquals(3, counters.datagramsDropped.sum(), "every datagram of the refused write");
      assertEquals(1, counters.gsoFailures.sum());
      assertFalse(writer.gso(), "after a refusal, datagrams go one by one");
    } finally {
      refusing.finishAndReleaseAll();
    }
  }
}
