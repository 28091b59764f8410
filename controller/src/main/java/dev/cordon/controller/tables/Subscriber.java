package dev.cordon.controller.tables;

/**
 * Receives one table's updates, in version order, on the feed's own thread: keep it quick (hand the
 * update to a gRPC stream, a queue). {@link #ended} is called at most once, when the feed stops
 * serving this subscription for a reason other than the subscriber closing it.
 */
public interface Subscriber<U> {
  void update(U update);

  default void ended(String reason) {}
}
