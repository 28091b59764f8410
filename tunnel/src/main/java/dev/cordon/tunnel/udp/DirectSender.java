package dev.cordon.tunnel.udp;

import io.netty.buffer.ByteBuf;
import io.netty.channel.unix.Socket;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sends a datagram with one sendto(2) on the calling thread, bypassing the event loop. Handing a
 * lone datagram to the event loop costs an eventfd write plus a thread wake-up (tens of
 * microseconds on a VM) before the send even starts; a direct send costs the system call alone. The
 * kernel keeps concurrent sends on one UDP socket whole, so this may run beside the event loop.
 *
 * <p>The socket is non-blocking: when its buffer is full the send is refused (false) and the caller
 * queues the datagram the usual way. {@link #close()} waits for sends in progress, so a descriptor
 * number is never used after the channel released it.
 */
final class DirectSender {
  private static final System.Logger LOG = System.getLogger(DirectSender.class.getName());

  private final Socket socket;
  private final UdpCounters counters;
  private final AtomicInteger inUse = new AtomicInteger();
  private volatile boolean closed;

  DirectSender(Socket socket, UdpCounters counters) {
    this.socket = socket;
    this.counters = counters;
  }

  /**
   * Sends {@code payload}'s readable bytes to {@code to}.
   *
   * @return true when the datagram is dealt with (sent, or refused by the kernel for good and
   *     counted); false when the caller must queue it (socket buffer full, closing, or a buffer
   *     this path cannot send)
   */
  boolean trySend(InetSocketAddress to, ByteBuf payload) {
    int length = payload.readableBytes();
    if (length == 0 || !payload.hasMemoryAddress() || to.isUnresolved()) {
      return false;
    }
    inUse.incrementAndGet();
    try {
      if (closed) {
        return false;
      }
      long address = payload.memoryAddress();
      int start = payload.readerIndex();
      int sent =
          socket.sendToAddress(address, start, start + length, to.getAddress(), to.getPort());
      if (sent <= 0) {
        return false; // EAGAIN: the send buffer is full, let the event loop wait for room
      }
      counters.datagramsSent.increment();
      counters.directSends.increment();
      return true;
    } catch (IOException e) {
      // As on the event loop: a refused datagram is lost (UDP promises no more), never thrown.
      counters.socketErrors.increment();
      counters.datagramsDropped.increment();
      LOG.log(Level.DEBUG, "direct UDP send failed", e);
      return true;
    } finally {
      inUse.decrementAndGet();
    }
  }

  /** Refuses new sends and waits until none is in progress; call before closing the channel. */
  void close() {
    closed = true;
    while (inUse.get() > 0) {
      Thread.onSpinWait();
    }
  }
}
