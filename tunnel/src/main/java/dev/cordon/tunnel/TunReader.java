package dev.cordon.tunnel;

import dev.cordon.tunnel.tun.TunDevice;
import dev.cordon.tunnel.tun.TunException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The one thread that reads the tunnel: waits for a packet, then takes whatever else is queued
 * without waiting (up to a batch), and hands the batch over as one unit.
 */
final class TunReader implements Runnable {
  private static final System.Logger LOG = System.getLogger(TunReader.class.getName());
  static final int MAX_BATCH = 64;

  private final TunDevice tun;
  private final Consumer<List<byte[]>> sink;
  private volatile boolean running = true;

  TunReader(TunDevice tun, Consumer<List<byte[]>> sink) {
    this.tun = tun;
    this.sink = sink;
  }

  @Override
  public void run() {
    ByteBuffer buf = ByteBuffer.allocateDirect(65536);
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

  /** Reads one packet into batch; returns its length, 0 on timeout, -1 once closed. */
  private int readOne(ByteBuffer buf, int timeoutMillis, List<byte[]> batch) throws TunException {
    buf.clear();
    int n = tun.read(buf, timeoutMillis);
    if (n > 0) {
      byte[] packet = new byte[n];
      buf.flip().get(packet);
      batch.add(packet);
    }
    return n;
  }
}
