package dev.cordon.controller.tables;

/**
 * Receives one table's updates, in version order, on the feed's own thread: keep it quick (hand the
 * update to a gRPC stream, a queue). {@link #ended} is called at most once, when the feed stops
 * serving this subscription for a reason other than the subscriber closing it.
 */
public interface Subscriber<U> {
  void update(U update);

  /**
   * The subscriber resumes already holding {@code held} (nothing is sent for it) and gets only
   * later changes. A subscriber that maps those changes against what it holds (removals by key,
   * say) learns here what that is.
   */
  default void resumed(U held) {}

  default void ended(String reason) {}
}
