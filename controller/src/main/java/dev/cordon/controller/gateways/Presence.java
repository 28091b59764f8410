package dev.cordon.controller.gateways;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Which gateways hold an open table watch. A gateway is connected while at least one of its
 * watches, on any controller sharing the store, is open.
 */
public interface Presence {

  /** An open watch; closing it (safe to repeat) says the watch ended. */
  interface Held extends AutoCloseable {
    @Override
    void close();
  }

  /** Marks an open watch of {@code gateway} until the returned handle is closed. */
  Held opened(String gateway);

  /** True while some controller holds an open watch of {@code gateway}. */
  boolean connected(String gateway);

  /**
   * Presence seen by this process only: for a controller without a shared store, and for tests.
   * {@link StorePresence} is what a deployed controller uses.
   */
  static Presence local() {
    Map<String, AtomicInteger> open = new ConcurrentHashMap<>();
    return new Presence() {
      @Override
      public Held opened(String gateway) {
        open.computeIfAbsent(gateway, g -> new AtomicInteger()).incrementAndGet();
        AtomicInteger once = new AtomicInteger();
        return () -> {
          if (once.getAndIncrement() == 0) {
            open.computeIfPresent(gateway, (g, n) -> n.decrementAndGet() == 0 ? null : n);
          }
        };
      }

      @Override
      public boolean connected(String gateway) {
        return open.containsKey(gateway);
      }
    };
  }
}
