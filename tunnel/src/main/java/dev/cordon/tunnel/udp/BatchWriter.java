package dev.cordon.tunnel.udp;

import io.netty.buffer.CompositeByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.unix.SegmentedDatagramPacket;
import java.lang.System.Logger.Level;

/**
 * Writes one {@link DatagramBatch} to the channel and flushes once, on the event loop. A single
 * flush of many messages is what lets Netty's epoll transport use one sendmmsg call; runs of
 * equal-size datagrams to one peer go as one GSO write when the socket supports it.
 */
final class BatchWriter {
  private static final System.Logger LOG = System.getLogger(BatchWriter.class.getName());

  private final Channel channel;
  private final UdpCounters counters;
  private boolean gso;

  BatchWriter(Channel channel, boolean gso, UdpCounters counters) {
    this.channel = channel;
    this.gso = gso;
    this.counters = counters;
  }

  /** Call on the channel's event loop; takes ownership of {@code batch}. */
  void write(DatagramBatch batch) {
    if (!channel.isActive() || !channel.isWritable()) {
      counters.datagramsDropped.add(batch.count());
      batch.release();
      return;
    }
    int count = batch.count();
    int i = 0;
    while (i < count) {
      int end =
          gso
              ? GsoRuns.runEnd(batch, i, UdpLimits.GSO_MAX_SEGMENTS, UdpLimits.GSO_MAX_BYTES)
              : i + 1;
      if (end - i > 1) {
        writeSegmented(batch, i, end);
      } else {
        channel.write(new DatagramPacket(batch.take(i), batch.address(i)), channel.voidPromise());
      }
      i = end;
    }
    counters.datagramsSent.add(count);
    batch.release();
    channel.flush();
  }

  boolean gso() {
    return gso;
  }

  private void writeSegmented(DatagramBatch batch, int start, int end) {
    int segment = batch.payload(start).readableBytes();
    CompositeByteBuf joined = channel.alloc().compositeDirectBuffer(end - start);
    for (int i = start; i < end; i++) {
      joined.addComponent(true, batch.take(i));
    }
    counters.gsoWrites.increment();
    int datagrams = end - start;
    channel
        .write(new SegmentedDatagramPacket(joined, segment, batch.address(start)))
        .addListener((ChannelFutureListener) f -> onSegmentedWritten(f, datagrams));
  }

  private void onSegmentedWritten(ChannelFuture future, int datagrams) {
    if (future.isSuccess()) {
      return;
    }
    // Devices without checksum offload refuse GSO (EIO); plain writes still work there. The
    // datagrams of the refused write are lost (UDP does not resend), so they count as dropped.
    counters.gsoFailures.increment();
    counters.datagramsDropped.add(datagrams);
    if (gso) {
      gso = false;
      LOG.log(Level.WARNING, "UDP GSO write failed; sending datagrams one by one", future.cause());
    }
  }
}
