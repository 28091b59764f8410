package dev.cordon.tunnel;

import dev.cordon.tunnel.protocol.Clock;
import java.lang.System.Logger.Level;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * The thread that drives the engine's timers: tick, then sleep until the next deadline, but never
 * longer than {@link #MAX_SLEEP_NANOS}, so timers armed by other threads meanwhile are late by at
 * most that much.
 */
final class TimerLoop implements Runnable {
  private static final System.Logger LOG = System.getLogger(TimerLoop.class.getName());
  static final long MAX_SLEEP_NANOS = 50_000_000L;

  private final LongSupplier tick;
  private final Clock clock;
  private volatile boolean running = true;

  TimerLoop(LongSupplier tick, Clock clock) {
    this.tick = tick;
    this.clock = clock;
  }

  @Override
  public void run() {
    while (running) {
      long next;
      try {
        next = tick.getAsLong();
      } catch (RuntimeException e) {
        LOG.log(Level.ERROR, "timer tick failed", e);
        next = Long.MAX_VALUE;
      }
      long wait = next == Long.MAX_VALUE ? MAX_SLEEP_NANOS : next - clock.nanos();
      LockSupport.parkNanos(Math.clamp(wait, 1_000_000L, MAX_SLEEP_NANOS));
    }
  }

  void stop() {
    running = false;
  }
}
