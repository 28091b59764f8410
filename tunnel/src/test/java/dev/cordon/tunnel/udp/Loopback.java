package dev.cordon.tunnel.udp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A sink that checks every datagram on arrival against {@link #expected} and remembers which
 * indexes arrived, from where, and in batches of what size. Payload layout: a 4-byte index, then
 * bytes derived from the index, so any corruption or mix-up shows.
 */
final class Loopback implements DatagramSink {
  final Map<Integer, InetSocketAddress> arrived = new ConcurrentHashMap<>();
  final List<Integer> batchSizes = new CopyOnWriteArrayList<>();
  final List<String> errors = new CopyOnWriteArrayList<>();
  volatile Thread ioThread;

  /**
   * Writes datagram {@code index}'s payload in one call: under paranoid leak detection every buffer
   * access records a stack trace, so byte-at-a-time access would dominate the test's time.
   */
  static ByteBuf fill(ByteBuf buf, int index, int size) {
    return buf.writeBytes(expected(index, size));
  }

  static byte[] expected(int index, int size) {
    byte[] bytes = new byte[size];
    for (int i = 4; i < size; i++) {
      bytes[i] = (byte) (index * 31 + i);
    }
    bytes[0] = (byte) (index >>> 24);
    bytes[1] = (byte) (index >>> 16);
    bytes[2] = (byte) (index >>> 8);
    bytes[3] = (byte) index;
    return bytes;
  }

  /** Sizes vary from 4 to 1400 bytes, reproducibly per index. */
  static int sizeOf(int index) {
    return 4 + (index * 7919) % 1397;
  }

  @Override
  public void onBatch(DatagramBatch batch) {
    ioThread = Thread.currentThread();
    batchSizes.add(batch.count());
    try {
      for (int i = 0; i < batch.count(); i++) {
        check(batch.payload(i), batch.address(i));
      }
    } finally {
      batch.release();
    }
  }

  private void check(ByteBuf payload, InetSocketAddress source) {
    byte[] got = ByteBufUtil.getBytes(payload);
    int index = got.length < 4 ? -1 : ByteBuffer.wrap(got).getInt();
    if (got.length != sizeOf(index) && got.length != FIXED_SIZE) {
      errors.add("datagram " + index + " has " + got.length + " bytes");
      return;
    }
    if (!Arrays.equals(expected(index, got.length), got)) {
      errors.add("datagram " + index + " differs from what was sent");
      return;
    }
    if (arrived.put(index, source) != null) {
      errors.add("datagram " + index + " arrived twice");
    }
  }

  /** The size used by tests that send equal-size datagrams. */
  static final int FIXED_SIZE = 1200;

  void awaitAll(int count, InetSocketAddress from) throws InterruptedException {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (arrived.size() < count && System.nanoTime() < deadline && errors.isEmpty()) {
      Thread.sleep(5);
    }
    assertEquals(List.of(), errors);
    assertEquals(count, arrived.size(), "datagrams missing after 10 s");
    assertTrue(
        arrived.values().stream().allMatch(from::equals),
        "a datagram came from elsewhere: " + arrived);
  }
}
