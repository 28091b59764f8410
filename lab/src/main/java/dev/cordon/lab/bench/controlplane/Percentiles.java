package dev.cordon.lab.bench.controlplane;

import java.util.Arrays;

/** Nearest-rank percentiles of a sample of latencies in nanoseconds. */
record Percentiles(int count, long p50, long p90, long p99, long max) {

  static Percentiles of(long[] nanos) {
    if (nanos.length == 0) throw new IllegalArgumentException("no samples");
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    return new Percentiles(
        sorted.length,
        rank(sorted, 50),
        rank(sorted, 90),
        rank(sorted, 99),
        sorted[sorted.length - 1]);
  }

  /** The smallest sample with at least {@code pct} percent of the samples at or below it. */
  static long rank(long[] sorted, int pct) {
    int n = (int) Math.ceil(pct / 100.0 * sorted.length);
    return sorted[Math.max(0, n - 1)];
  }

  static String millis(long nanos) {
    return String.format(java.util.Locale.ROOT, "%.1f ms", nanos / 1e6);
  }
}
