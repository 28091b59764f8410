package dev.cordon.tunnel.udp;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelFuture;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.unix.Socket;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@link UdpTransport} on one Netty datagram channel and a one-thread event loop of its own.
 *
 * <p>A send takes the cheapest route that keeps batching under load: on the event loop, written at
 * once; a few datagrams from another thread while no batch waits for the event loop, sent directly
 * by that thread (epoll only; see {@link DirectSender}); everything else queued to the event loop
 * as one task with one flush (sendmmsg, GSO).
 */
final class NettyUdpTransport implements UdpTransport {
  /** The most datagrams one call sends directly; larger batches gain from sendmmsg and GSO. */
  static final int DIRECT_MAX = 4;

  private final EventLoopGroup group;
  private final DatagramChannel channel;
  private final UdpSocketInfo info;
  private final BatchWriter writer;
  private final UdpCounters counters;
  private final DirectSender direct;

  /** Batches handed to the event loop and not yet written: direct sends wait behind them. */
  private final AtomicInteger queued = new AtomicInteger();

  private NettyUdpTransport(
      EventLoopGroup group,
      DatagramChannel channel,
      UdpSocketInfo info,
      BatchWriter writer,
      UdpCounters counters,
      DirectSender direct) {
    this.group = group;
    this.channel = channel;
    this.info = info;
    this.writer = writer;
    this.counters = counters;
    this.direct = direct;
  }

  static NettyUdpTransport bind(UdpOptions options, DatagramSink sink) throws IOException {
    Objects.requireNonNull(options, "options");
    Objects.requireNonNull(sink, "sink");
    Kind kind = SocketSetup.kindFor(options);
    EventLoopGroup group =
        new MultiThreadIoEventLoopGroup(
            1, new DefaultThreadFactory("cordon-udp", true), SocketSetup.ioHandlerFactory(kind));
    try {
      return open(group, kind, options, sink);
    } catch (IOException | RuntimeException | Error e) {
      group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
      throw e;
    }
  }

  private static NettyUdpTransport open(
      EventLoopGroup group, Kind kind, UdpOptions options, DatagramSink sink) throws IOException {
    UdpCounters counters = new UdpCounters();
    ChannelFuture registered =
        new Bootstrap()
            .group(group)
            .channelFactory(() -> SocketSetup.newChannel(kind, options.bindAddress()))
            .handler(new ReceiveBatcher(sink, options.maxBatch(), counters))
            .register()
            .awaitUninterruptibly();
    if (!registered.isSuccess()) {
      throw new IOException("cannot open a UDP socket", registered.cause());
    }
    DatagramChannel channel = (DatagramChannel) registered.channel();
    SocketSetup.Tuning tuning = SocketSetup.configure(channel, options);
    InetSocketAddress address = options.socketAddress();
    ChannelFuture bound = channel.bind(address).awaitUninterruptibly();
    if (!bound.isSuccess()) {
      channel.close().awaitUninterruptibly();
      throw new IOException("cannot bind UDP " + address, bound.cause());
    }
    UdpSocketInfo info =
        new UdpSocketInfo(
            kind,
            (InetSocketAddress) channel.localAddress(),
            channel.config().getReceiveBufferSize(),
            channel.config().getSendBufferSize(),
            tuning.udpGro(),
            tuning.udpGso(),
            tuning.reusePort(),
            tuning.slotBytes(),
            tuning.slots());
    BatchWriter writer = new BatchWriter(channel, tuning.udpGso(), counters);
    DirectSender direct =
        channel instanceof EpollDatagramChannel epoll && epoll.fd() instanceof Socket socket
            ? new DirectSender(socket, counters)
            : null;
    return new NettyUdpTransport(group, channel, info, writer, counters, direct);
  }

  @Override
  public UdpSocketInfo info() {
    return info;
  }

  @Override
  public ByteBufAllocator allocator() {
    return channel.alloc();
  }

  @Override
  public void send(DatagramBatch batch) {
    Objects.requireNonNull(batch, "batch");
    if (batch.isEmpty()) {
      return;
    }
    if (channel.eventLoop().inEventLoop()) {
      writer.write(batch);
      return;
    }
    DatagramBatch rest = sendDirectly(batch);
    if (rest == null) {
      return;
    }
    queued.incrementAndGet();
    try {
      channel
          .eventLoop()
          .execute(
              () -> {
                try {
                  writer.write(rest);
                } finally {
                  queued.decrementAndGet();
                }
              });
    } catch (RejectedExecutionException e) {
      // The event loop is gone: the transport was closed.
      queued.decrementAndGet();
      counters.datagramsDropped.add(rest.count());
      rest.release();
    }
  }

  /**
   * Sends a small batch on this thread when nothing is queued ahead of it (so datagrams keep their
   * order). Returns what is left for the event loop: null when all went, the batch itself when it
   * is not for this path, or a new batch of the datagrams after the first one the socket refused.
   */
  private DatagramBatch sendDirectly(DatagramBatch batch) {
    if (direct == null || batch.count() > DIRECT_MAX || queued.get() != 0) {
      return batch;
    }
    int count = batch.count();
    for (int i = 0; i < count; i++) {
      if (!direct.trySend(batch.address(i), batch.payload(i))) {
        return i == 0 ? batch : remainder(batch, i);
      }
    }
    batch.release();
    return null;
  }

  /** Datagrams {@code from..} of {@code batch} moved into a new batch; the old one is released. */
  private static DatagramBatch remainder(DatagramBatch batch, int from) {
    DatagramBatch rest = new DatagramBatch(batch.count() - from);
    for (int i = from; i < batch.count(); i++) {
      rest.add(batch.address(i), batch.take(i));
    }
    batch.release();
    return rest;
  }

  @Override
  public UdpStats stats() {
    return counters.snapshot();
  }

  @Override
  public void close() {
    if (direct != null) {
      direct.close();
    }
    channel.close().awaitUninterruptibly();
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
  }

  @Override
  public String toString() {
    return "udp " + info.kind() + " " + info.localAddress();
  }
}
