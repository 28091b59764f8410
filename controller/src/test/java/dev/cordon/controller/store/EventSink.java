package dev.cordon.controller.store;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A watch listener for tests: collects events and waits for them with a deadline. */
public final class EventSink implements WatchListener {
  private final LinkedBlockingQueue<WatchEvent> events = new LinkedBlockingQueue<>();

  @Override
  public void onEvent(WatchEvent event) {
    events.add(event);
  }

  /** The next {@code count} events, failing if they do not all arrive within {@code within}. */
  public List<WatchEvent> take(int count, Duration within) {
    List<WatchEvent> taken = new ArrayList<>();
    long deadline = System.nanoTime() + within.toNanos();
    while (taken.size() < count) {
      WatchEvent event = poll(deadline - System.nanoTime());
      if (event == null) {
        fail("expected " + count + " watch events within " + within + ", got " + taken);
      }
      taken.add(event);
    }
    return taken;
  }

  public WatchEvent next(Duration within) {
    WatchEvent event = poll(within.toNanos());
    assertNotNull(event, "no watch event within " + within);
    return event;
  }

  /** Whatever arrives within {@code quiet}, for asserting that nothing more came. */
  public List<WatchEvent> drain(Duration quiet) {
    List<WatchEvent> rest = new ArrayList<>();
    WatchEvent event;
    while ((event = poll(quiet.toNanos())) != null) {
      rest.add(event);
    }
    return rest;
  }

  private WatchEvent poll(long nanos) {
    try {
      return events.poll(Math.max(0, nanos), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while waiting for watch events", e);
    }
  }
}
