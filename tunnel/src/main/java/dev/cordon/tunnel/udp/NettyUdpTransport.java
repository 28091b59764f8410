package dev.cordon.tunnel.udp;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelFuture;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.socket.DatagramChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/** {@link UdpTransport} on one Netty datagram channel and a one-thread event loop of its own. */
final class NettyUdpTransport implements UdpTransport {
  private final EventLoopGroup group;
  private final DatagramChannel channel;
  private final UdpSocketInfo info;
  private final BatchWriter writer;
  private final UdpCounters counters;

  private NettyUdpTransport(
      EventLoopGroup group,
      DatagramChannel channel,
      UdpSocketInfo info,
      BatchWriter writer,
      UdpCounters counters) {
    this.group = group;
    this.channel = channel;
    this.info = info;
    this.writer = writer;
    this.counters = counters;
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
    return new NettyUdpTransport(group, channel, info, writer, counters);
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
    try {
      channel.eventLoop().execute(() -> writer.write(batch));
    } catch (RejectedExecutionException e) {
      // The event loop is gone: the transport was closed.
      counters.datagramsDropped.add(batch.count());
      batch.release();
    }
  }

  @Override
  public UdpStats stats() {
    return counters.snapshot();
  }

  @Override
  public void close() {
    channel.close().awaitUninterruptibly();
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
  }

  @Override
  public String toString() {
    return "udp " + info.kind() + " " + info.localAddress();
  }
}
