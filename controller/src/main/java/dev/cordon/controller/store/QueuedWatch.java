package dev.cordon.controller.store;

import java.lang.System.Logger.Level;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;

/**
 * One watch's delivery: events queue up in order and one thread of the watch's own hands them to
 * the listener, so a slow listener delays only itself and the store's writer never waits for it. A
 * terminal event (compacted, broken) is delivered last and ends the watch.
 */
final class QueuedWatch implements Watch {
  private static final System.Logger LOG = System.getLogger(QueuedWatch.class.getName());

  private final String prefix;
  private final WatchListener listener;
  private final Consumer<QueuedWatch> onEnd;
  private final LinkedBlockingQueue<WatchEvent> queue = new LinkedBlockingQueue<>();
  private final Thread thread;
  private volatile boolean closed;

  QueuedWatch(String prefix, WatchListener listener, Consumer<QueuedWatch> onEnd) {
    this.prefix = prefix;
    this.listener = listener;
    this.onEnd = onEnd;
    this.thread = Thread.ofVirtual().name("cordon-store-watch " + prefix).unstarted(this::drain);
  }

  void start() {
    thread.start();
  }

  /** Queues the events under this watch's prefix; called by the writer in revision order. */
  void offer(Iterable<WatchEvent> events) {
    for (WatchEvent event : events) {
      if (concerns(event)) {
        queue.add(event);
      }
    }
  }

  void end(WatchEvent terminal) {
    queue.add(terminal);
  }

  private boolean concerns(WatchEvent event) {
    return switch (event) {
      case WatchEvent.Put put -> Keys.hasPrefix(put.kv().key(), prefix);
      case WatchEvent.Delete delete -> Keys.hasPrefix(delete.key(), prefix);
      case WatchEvent.Compacted c -> true;
      case WatchEvent.Broken b -> true;
    };
  }

  private void drain() {
    try {
      while (!closed) {
        WatchEvent event = queue.take();
        if (closed) {
          return;
        }
        deliver(event);
        if (event instanceof WatchEvent.Compacted || event instanceof WatchEvent.Broken) {
          return;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      closed = true;
      onEnd.accept(this);
    }
  }

  private void deliver(WatchEvent event) {
    try {
      listener.onEvent(event);
    } catch (RuntimeException e) {
      // A failing listener must not stop the events after this one; it is the caller's bug.
      LOG.log(Level.WARNING, "watch listener on prefix " + prefix + " threw; continuing", e);
    }
  }

  @Override
  public void close() {
    closed = true;
    if (Thread.currentThread() != thread) {
      thread.interrupt();
    }
    onEnd.accept(this);
  }
}
