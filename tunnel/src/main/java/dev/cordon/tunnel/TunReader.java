package dev.cordon.tunnel;

import dev.cordon.tunnel.tun.Segmenter;
import dev.cordon.tunnel.tun.Segments;
import dev.cordon.tunnel.tun.TunDevice;
import dev.cordon.tunnel.tun.TunException;
import dev.cordon.tunnel.tun.VirtioNetHeader;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The one thread that reads the tunnel: waits for a packet, then takes whatever else is queued
 * without waiting (up to a batch), and hands the batch over as one unit. With offloads, each read
 * may be a TCP super-packet; all its segments join the batch.
 */
final class TunReader implements Runnable {
  private static final System.Logger LOG = System.getLogger(TunReader.class.getName());
  static final int MAX_BATCH = 64;

  /** The largest IP packet, plus the virtio-net header when there is one. */
  private static final int READ_BUFFER = 65536 + VirtioNetHeader.SIZE;

  private final TunDevice tun;
  private final Consumer<List<byte[]>> sink;
  private final DropCounters drops;
  private final boolean vnetHeader;
  private final Segmenter segmenter;
  private final Segments segments = new Segments(READ_BUFFER * 2, MAX_BATCH);
  private final byte[] raw = new byte[READ_BUFFER];
  private volatile boolean running = true;

  TunReader(TunDevice tun, Consumer<List<byte[]>> sink, DropCounters drops) {
    this.tun = tun;
    this.sink = sink;
    this.drops = drops;
    this.vnetHeader = tun.offloads().vnetHeader();
    this.segmenter = new Segmenter(tun.mtu());
  }

  @Override
  public void run() {
    ByteBuffer buf = ByteBuffer.allocateDirect(READ_BUFFER);
    try {
      while (running) {
        List<byte[]> batch = new ArrayList<>(MAX_BATCH);
        if (readOne(buf, 1000, batch) < 0) {
          return;
        }
        while (batch.size() < MAX_BATCH && readOne(buf, 0, batch) > 0) {
          // keep draining what the kernel already queued
        }
        if (!batch.isEmpty()) {
          sink.accept(batch);
        }
      }
    } catch (TunException e) {
      if (running) {
        LOG.log(Level.ERROR, "tunnel read failed; the reader stops", e);
      }
    }
  }

  void stop() {
    running = false;
  }

  /** Reads one buffer's packets into batch; returns its length, 0 on timeout, -1 once closed. */
  private int readOne(ByteBuffer buf, int timeoutMillis, List<byte[]> batch) throws TunException {
    buf.clear();
    int n = tun.read(buf, timeoutMillis);
    if (n <= 0) {
      return n;
    }
    buf.flip();
    if (!vnetHeader) {
      byte[] packet = new byte[n];
      buf.get(packet);
      batch.add(packet);
      return n;
    }
    buf.get(raw, 0, n);
    segments.clear();
    Segmenter.Result result = segmenter.segment(raw, 0, n, segments);
    if (!result.accepted()) {
      drops.count(
          result.rejection() == Segmenter.Rejection.UNSUPPORTED_GSO
              ? DropReason.TUN_GSO_UNSUPPORTED
              : DropReason.TUN_GSO_MALFORMED);
      return n;
    }
    for (int i = 0; i < segments.count(); i++) {
      batch.add(segments.copy(i));
    }
    return n;
  }
}
