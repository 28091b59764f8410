package dev.cordon.tunnel.udp;

import io.netty.buffer.ByteBuf;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.Objects;

/**
 * A run of datagrams handed between threads as one unit: for each index, a peer address (the source
 * on receive, the destination on send) and a payload (its readable bytes).
 *
 * <p>The batch owns its payload buffers. {@link #add} takes ownership of the buffer it is given;
 * {@link #release()} releases every payload and empties the batch. Whoever holds the batch last
 * releases it: the sink for received batches, the transport for batches given to {@link
 * UdpTransport#send}. Not thread-safe; hand it over, don't share it.
 *
 * <p>Received payloads are slices of the transport's read buffer (one per recvmmsg pass), so a
 * batch kept alive pins that whole buffer; release promptly.
 */
public final class DatagramBatch {
  private InetSocketAddress[] addresses;
  private ByteBuf[] payloads;
  private int count;

  /** An empty batch with room for {@code initialCapacity} datagrams before it grows. */
  public DatagramBatch(int initialCapacity) {
    if (initialCapacity < 1) {
      throw new IllegalArgumentException("initialCapacity must be positive: " + initialCapacity);
    }
    addresses = new InetSocketAddress[initialCapacity];
    payloads = new ByteBuf[initialCapacity];
  }

  /** How many datagrams the batch holds. */
  public int count() {
    return count;
  }

  /** Whether the batch holds no datagrams. */
  public boolean isEmpty() {
    return count == 0;
  }

  /** The source (received batches) or destination (batches to send) of datagram {@code i}. */
  public InetSocketAddress address(int i) {
    return addresses[Objects.checkIndex(i, count)];
  }

  /** The payload of datagram {@code i}; still owned by the batch. */
  public ByteBuf payload(int i) {
    return payloads[Objects.checkIndex(i, count)];
  }

  /** Appends a datagram, taking ownership of {@code payload}. */
  public void add(InetSocketAddress address, ByteBuf payload) {
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(payload, "payload");
    if (count == payloads.length) {
      int capacity = count * 2;
      addresses = Arrays.copyOf(addresses, capacity);
      payloads = Arrays.copyOf(payloads, capacity);
    }
    addresses[count] = address;
    payloads[count] = payload;
    count++;
  }

  /** Releases every payload and empties the batch; calling it again does nothing. */
  public void release() {
    for (int i = 0; i < count; i++) {
      ByteBuf payload = payloads[i];
      payloads[i] = null;
      addresses[i] = null;
      if (payload != null) {
        payload.release();
      }
    }
    count = 0;
  }

  /** Moves the payload of datagram {@code i} out of the batch; the caller now owns it. */
  ByteBuf take(int i) {
    ByteBuf payload = payloads[Objects.checkIndex(i, count)];
    payloads[i] = null;
    return payload;
  }
}
