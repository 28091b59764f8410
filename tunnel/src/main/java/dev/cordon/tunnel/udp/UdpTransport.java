package dev.cordon.tunnel.udp;

import io.netty.buffer.ByteBufAllocator;
import java.io.IOException;
import java.net.InetSocketAddress;

/**
 * One bound UDP socket of the data plane, served by one event-loop thread.
 *
 * <p>Received datagrams reach the {@link DatagramSink} given to {@link #bind}, one batch per read
 * pass. Datagrams to send go in as a {@link DatagramBatch} and leave in one event-loop task with
 * one flush, so epoll sends them with sendmmsg (and GSO for runs of equal-size datagrams to one
 * peer); a few datagrams sent while nothing waits for the event loop leave at once from the sending
 * thread instead, which spares the idle path a thread wake-up.
 */
public interface UdpTransport extends AutoCloseable {

  /** The Netty transport serving the socket. */
  enum Kind {
    EPOLL,
    NIO
  }

  /**
   * Binds a socket as {@code options} say and starts delivering to {@code sink}. Epoll is used when
   * Netty's native epoll is available and {@link UdpOptions#forceNio()} is false.
   *
   * @throws IOException if the address cannot be bound (in use, not local); nothing is left open
   */
  static UdpTransport bind(UdpOptions options, DatagramSink sink) throws IOException {
    return NettyUdpTransport.bind(options, sink);
  }

  /** The bound address and port. */
  default InetSocketAddress localAddress() {
    return info().localAddress();
  }

  /** The Netty transport in use. */
  default Kind kind() {
    return info().kind();
  }

  /** What the socket got from the kernel: buffers, GRO, GSO. */
  UdpSocketInfo info();

  /** The allocator whose (direct) buffers the socket writes without copying. */
  ByteBufAllocator allocator();

  /**
   * Sends every datagram of {@code batch}, asynchronously, from any thread. Takes ownership of the
   * batch and its payloads: the caller must not touch either afterwards. Datagrams are dropped (and
   * counted) when the transport is closed or its send path is backed up; UDP promises no more.
   */
  void send(DatagramBatch batch);

  /** Counters since bind. */
  UdpStats stats();

  /**
   * Closes the socket and stops the event loop; returns when both are done. Batches already
   * delivered to the sink stay the sink's to release. Safe to call more than once.
   */
  @Override
  void close();
}
