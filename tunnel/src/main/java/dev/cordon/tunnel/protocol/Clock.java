package dev.cordon.tunnel.protocol;

/** Monotonic time in nanoseconds: System::nanoTime in production, a hand-moved value in tests. */
@FunctionalInterface
public interface Clock {
  Clock SYSTEM = System::nanoTime;

  long nanos();
}
