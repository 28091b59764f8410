package dev.cordon.controller.tables;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A subscriber that queues what it gets, for tests to take in order. */
final class Recorder<U> implements Subscriber<U> {
  private final LinkedBlockingQueue<U> updates = new LinkedBlockingQueue<>();

  @Override
  public void update(U update) {
    updates.add(update);
  }

  U next() throws InterruptedException {
    U u = updates.poll(10, TimeUnit.SECONDS);
    assertNotNull(u, "no update arrived within 10 s");
    return u;
  }

  @SuppressWarnings("unchecked")
  <T extends U> T next(Class<T> type) throws InterruptedException {
    U u = next();
    if (!type.isInstance(u)) {
      throw new AssertionError("expected a " + type.getSimpleName() + " but got " + u);
    }
    return (T) u;
  }

  void assertQuiet() throws InterruptedException {
    assertNull(updates.poll(100, TimeUnit.MILLISECONDS), "no further update was expected");
  }
}
