package dev.cordon.tunnel.udp;

import io.netty.channel.ChannelException;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollDatagramChannelConfig;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.DatagramChannelConfig;
import io.netty.channel.socket.SocketProtocolFamily;
import io.netty.channel.socket.nio.NioChannelOption;
import io.netty.channel.socket.nio.NioDatagramChannel;
import java.lang.System.Logger.Level;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.StandardSocketOptions;

/** Picks the Netty transport and tunes a datagram channel before it is bound. */
final class SocketSetup {
  private static final System.Logger LOG = System.getLogger(SocketSetup.class.getName());

  /** What tuning the socket accepted; features a kernel lacks come back false. */
  record Tuning(boolean udpGro, boolean udpGso, boolean reusePort, int slotBytes, int slots) {}

  private SocketSetup() {}

  static UdpTransport.Kind kindFor(UdpOptions options) {
    return !options.forceNio() && Epoll.isAvailable()
        ? UdpTransport.Kind.EPOLL
        : UdpTransport.Kind.NIO;
  }

  static IoHandlerFactory ioHandlerFactory(UdpTransport.Kind kind) {
    return switch (kind) {
      case EPOLL -> EpollIoHandler.newFactory();
      case NIO -> NioIoHandler.newFactory();
    };
  }

  /** A channel of the address's family; the wildcard (null) gets Netty's dual-stack default. */
  static DatagramChannel newChannel(UdpTransport.Kind kind, InetAddress bindAddress) {
    if (bindAddress == null) {
      return kind == UdpTransport.Kind.EPOLL
          ? new EpollDatagramChannel()
          : new NioDatagramChannel();
    }
    SocketProtocolFamily family =
        bindAddress instanceof Inet6Address
            ? SocketProtocolFamily.INET6
            : SocketProtocolFamily.INET;
    return kind == UdpTransport.Kind.EPOLL
        ? new EpollDatagramChannel(family)
        : new NioDatagramChannel(family);
  }

  static Tuning configure(DatagramChannel channel, UdpOptions options) {
    DatagramChannelConfig config = channel.config();
    trySet("SO_RCVBUF", () -> config.setReceiveBufferSize(options.socketBufferBytes()));
    trySet("SO_SNDBUF", () -> config.setSendBufferSize(options.socketBufferBytes()));
    config.setWriteBufferWaterMark(
        new WriteBufferWaterMark(UdpLimits.WRITE_LOW_WATER, UdpLimits.WRITE_HIGH_WATER));
    return config instanceof EpollDatagramChannelConfig epoll
        ? configureEpoll(epoll, options)
        : configureNio(config, options);
  }

  private static Tuning configureEpoll(EpollDatagramChannelConfig config, UdpOptions options) {
    boolean reusePort =
        options.reusePort() && trySet("SO_REUSEPORT", () -> config.setReusePort(true));
    boolean gro = options.udpGro() && trySet("UDP_GRO", () -> config.setUdpGro(true));
    // Netty reads GRO segment sizes only through recvmsg, so with GRO each read is one recvmsg of
    // up to 64 KiB of coalesced datagrams; without it, a read buffer of several slots plus a slot
    // size makes Netty read with recvmmsg.
    int slotBytes = gro ? UdpLimits.GRO_SLOT : options.maxDatagramSize();
    int slots = gro ? 1 : options.readSlots();
    config.setMaxDatagramPayloadSize(slotBytes);
    config.setRecvByteBufAllocator(readAllocator(slotBytes * slots, options));
    boolean gso = options.udpGso() && EpollDatagramChannel.isSegmentedDatagramPacketSupported();
    return new Tuning(gro, gso, reusePort, slotBytes, slots);
  }

  private static Tuning configureNio(DatagramChannelConfig config, UdpOptions options) {
    boolean reusePort =
        options.reusePort()
            && trySet(
                "SO_REUSEPORT",
                () ->
                    config.setOption(
                        NioChannelOption.of(StandardSocketOptions.SO_REUSEPORT), true));
    // NIO reads one datagram per call, into a buffer of its own.
    config.setRecvByteBufAllocator(readAllocator(options.maxDatagramSize(), options));
    return new Tuning(false, false, reusePort, options.maxDatagramSize(), 1);
  }

  /**
   * Fixed-size read buffers, and a read pass that goes on until the socket is empty or a batch's
   * worth was read, rather than stopping at the first datagram shorter than its buffer. (A fresh
   * allocator reads one message per pass unless told otherwise.)
   */
  private static FixedRecvByteBufAllocator readAllocator(int bytes, UdpOptions options) {
    FixedRecvByteBufAllocator allocator = new FixedRecvByteBufAllocator(bytes);
    allocator.maxMessagesPerRead(options.maxBatch());
    allocator.respectMaybeMoreData(false);
    return allocator;
  }

  private static boolean trySet(String option, Runnable set) {
    try {
      set.run();
      return true;
    } catch (ChannelException | UnsupportedOperationException e) {
      LOG.log(Level.INFO, "UDP socket option {0} unavailable: {1}", option, e.getMessage());
      return false;
    }
  }
}
