package dev.cordon.tunnel.udp;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.ReferenceCountUtil;
import java.lang.System.Logger.Level;

/**
 * Gathers the datagrams of one read pass into a {@link DatagramBatch} and hands it to the sink at
 * the end of the pass (channelReadComplete), or earlier when the batch reaches its limit.
 *
 * <p>It keeps each packet's content buffer (the envelope shares its reference count) and its sender
 * address, which Netty allocated per packet already. Errors are counted, never propagated: one bad
 * datagram or a throwing sink must not stop the I/O loop.
 */
final class ReceiveBatcher extends ChannelInboundHandlerAdapter {
  private static final System.Logger LOG = System.getLogger(ReceiveBatcher.class.getName());

  private final DatagramSink sink;
  private final int maxBatch;
  private final UdpCounters counters;
  private DatagramBatch pending;

  ReceiveBatcher(DatagramSink sink, int maxBatch, UdpCounters counters) {
    this.sink = sink;
    this.maxBatch = maxBatch;
    this.counters = counters;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof DatagramPacket packet)) {
      ReferenceCountUtil.release(msg);
      return;
    }
    if (pending == null) {
      pending = new DatagramBatch(maxBatch);
    }
    pending.add(packet.sender(), packet.content());
    if (pending.count() >= maxBatch) {
      deliver();
    }
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    deliver();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    // Read and write failures of a datagram socket concern one datagram, not the socket.
    counters.socketErrors.increment();
    LOG.log(Level.DEBUG, "udp socket error", cause);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    discardPending();
    ctx.fireChannelInactive();
  }

  @Override
  public void handlerRemoved(ChannelHandlerContext ctx) {
    discardPending();
  }

  private void deliver() {
    DatagramBatch batch = pending;
    if (batch == null || batch.isEmpty()) {
      return;
    }
    pending = null;
    counters.batchesReceived.increment();
    counters.datagramsReceived.add(batch.count());
    try {
      sink.onBatch(batch);
    } catch (RuntimeException e) {
      counters.sinkErrors.increment();
      LOG.log(Level.WARNING, "datagram sink threw; batch left to the sink", e);
    }
  }

  private void discardPending() {
    if (pending != null) {
      pending.release();
      pending = null;
    }
  }
}
