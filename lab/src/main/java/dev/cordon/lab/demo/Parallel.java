package dev.cordon.lab.demo;

import dev.cordon.lab.LabException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

/**
 * Runs independent steps at once (each mostly waits on a process) and rethrows the first failure
 * after all have ended, so nothing is left running behind the caller's back.
 */
final class Parallel {
  private Parallel() {}

  static void run(List<Runnable> steps) {
    run(steps, steps.size());
  }

  /**
   * At most {@code width} steps at a time, in list order: each starts a JVM or two, and more than
   * two at once only slows everything down on a 2-core machine.
   */
  static void run(List<Runnable> steps, int width) {
    RuntimeException first = null;
    var slots = new Semaphore(Math.max(1, width));
    try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
      var futures = new ArrayList<Future<?>>();
      for (Runnable step : steps) {
        slots.acquireUninterruptibly();
        futures.add(
            pool.submit(
                () -> {
                  try {
                    step.run();
                  } finally {
                    slots.release();
                  }
                }));
      }
      for (Future<?> f : futures) {
        try {
          f.get();
        } catch (ExecutionException e) {
          RuntimeException failure =
              e.getCause() instanceof RuntimeException r
                  ? r
                  : new LabException("a demo step failed", e.getCause());
          if (first == null) {
            first = failure;
          } else {
            first.addSuppressed(failure);
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new LabException("interrupted", e);
        }
      }
    }
    if (first != null) {
      throw first;
    }
  }
}
