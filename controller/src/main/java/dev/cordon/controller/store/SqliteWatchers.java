package dev.cordon.controller.store;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The embedded store's live watches. The store registers a watch and publishes each commit's events
 * while it holds its write lock, so a watch sees its replayed history and then every later commit,
 * in order, with no gap and no repeat.
 */
final class SqliteWatchers {
  private final Set<QueuedWatch> live = ConcurrentHashMap.newKeySet();

  /** Call with the write lock held: {@code history} is the log from the start revision on. */
  Watch start(String prefix, WatchListener listener, List<WatchEvent> history) {
    QueuedWatch watch = new QueuedWatch(prefix, listener, live::remove);
    watch.offer(history);
    live.add(watch);
    watch.start();
    return watch;
  }

  /** Call with the write lock held: the watch gets only {@code terminal} and ends. */
  Watch startEnded(String prefix, WatchListener listener, WatchEvent terminal) {
    QueuedWatch watch = new QueuedWatch(prefix, listener, w -> {});
    watch.end(terminal);
    watch.start();
    return watch;
  }

  /** Call with the write lock held, right after the commit that made {@code events}. */
  void publish(List<WatchEvent> events) {
    if (events.isEmpty()) {
      return;
    }
    for (QueuedWatch watch : live) {
      watch.offer(events);
    }
  }

  void endAll(WatchEvent terminal) {
    for (QueuedWatch watch : live) {
      watch.end(terminal);
    }
    live.clear();
  }
}
