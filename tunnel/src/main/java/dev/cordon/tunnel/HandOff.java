package dev.cordon.tunnel;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Decides, per batch, whether the thread that read it (the tunnel reader or the UDP event loop)
 * processes it itself or hands it to the workers. A hand-off parks and wakes a worker, which costs
 * tens of microseconds on a VM: on an idle tunnel that is most of the latency a packet adds. Under
 * load the hand-off is what spreads the crypto over cores and keeps the reading thread reading.
 *
 * <p>So a batch runs where it was read only when the device is idle by every sign: the batch is
 * small, no handed-off batch is waiting or running, and the reading thread had been waiting for
 * this batch a while ({@link #IDLE_GAP_NANOS}), not reading back to back. Anything else goes to the
 * workers, exactly as without this class.
 */
final class HandOff {
  /** The largest batch run on the reading thread: idle traffic comes one or two packets a read. */
  static final int INLINE_MAX = 4;

  /**
   * How long a reading thread must have had nothing to process before a batch counts as idle
   * traffic. Pings and keepalives arrive milliseconds apart; a stream of small packets or of TCP
   * acknowledgements arrives within microseconds, and there the workers' parallelism wins.
   */
  static final long IDLE_GAP_NANOS = 200_000;

  private final AtomicInteger outstanding = new AtomicInteger();
  private final LongAdder ranHere = new LongAdder();
  private final LongAdder handedOff = new LongAdder();

  /** The decisions of one reading thread; use it from that thread only. */
  final class Reader {
    private long lastDone;
    private boolean started;

    /**
     * Whether a batch of {@code packets} read at {@code now} should run on this thread; counts the
     * answer. Call {@link #done} after either outcome.
     */
    boolean runHere(int packets, long now) {
      boolean idle = !started || now - lastDone >= IDLE_GAP_NANOS;
      if (idle && packets <= INLINE_MAX && outstanding.get() == 0) {
        ranHere.increment();
        return true;
      }
      return false;
    }

    /** Call once the batch ran here or was handed off; {@code now} is when the thread is free. */
    void done(long now) {
      lastDone = now;
      started = true;
    }
  }

  /** A new reading thread's decisions. */
  Reader reader() {
    return new Reader();
  }

  /** Call before handing a batch to the workers. */
  void started() {
    handedOff.increment();
    outstanding.incrementAndGet();
  }

  /** Call once a handed-off batch is done or discarded. */
  void finished() {
    outstanding.decrementAndGet();
  }

  HandOffStats stats() {
    return new HandOffStats(ranHere.sum(), handedOff.sum());
  }
}
