package dev.cordon.controller.tables;

import java.lang.System.Logger.Level;

/** Hands updates to subscribers; a subscriber that throws is dropped, never the feed. */
final class Deliveries {
  private static final System.Logger LOG = System.getLogger(Deliveries.class.getName());

  private Deliveries() {}

  /** Tells a resuming subscriber what it holds; like {@link #deliver}, a throw drops it. */
  static <U> void resumed(Subscriber<U> subscriber, U held, Runnable drop) {
    try {
      subscriber.resumed(held);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "a table subscriber failed; dropping it", e);
      drop.run();
    }
  }

  static <U> void deliver(Subscriber<U> subscriber, U update, Runnable drop) {
    try {
      subscriber.update(update);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "a table subscriber failed; dropping it", e);
      drop.run();
    }
  }
}
