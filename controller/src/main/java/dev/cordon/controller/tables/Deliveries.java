package dev.cordon.controller.tables;

import java.lang.System.Logger.Level;

/** Hands updates to subscribers; a subscriber that throws is dropped, never the feed. */
final class Deliveries {
  private static final System.Logger LOG = System.getLogger(Deliveries.class.getName());

  private Deliveries() {}

  static <U> void deliver(Subscriber<U> subscriber, U update, Runnable drop) {
    try {
      subscriber.update(update);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "a table subscriber failed; dropping it", e);
      drop.run();
    }
  }
}
