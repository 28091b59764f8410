package dev.cordon.controller.store;

/**
 * Receives a watch's events one at a time, in revision order, on a thread the store owns. Keep it
 * quick: a slow listener delays its own watch (never others).
 */
@FunctionalInterface
public interface WatchListener {
  void onEvent(WatchEvent event);
}
