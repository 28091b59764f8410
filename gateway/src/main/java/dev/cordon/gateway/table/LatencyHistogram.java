package dev.cordon.gateway.table;

/**
 * Delta arrival to enforcement, in microseconds, in power-of-two buckets (bucket i holds values
 * below 2^i µs): enough to read a p99 against a 10 ms target without keeping every sample.
 */
public final class LatencyHistogram {
  private static final int BUCKETS = 40;
  private final long[] counts = new long[BUCKETS];
  private long total;
  private long maxMicros;
  private long sumMicros;

  /**
   * The counts at one instant: {@code counts[i]} values below 2^i µs and at least 2^(i-1) µs
   * (bucket 0: below 1 µs), their number and their sum.
   */
  public record Snapshot(long[] counts, long count, long sumMicros) {
    public Snapshot {
      counts = counts.clone();
    }

    public static Snapshot empty() {
      return new Snapshot(new long[BUCKETS], 0, 0);
    }

    /** How many values are below 2^i µs. */
    public long below(int i) {
      long n = 0;
      for (int b = 0; b <= Math.min(i, counts.length - 1); b++) n += counts[b];
      return n;
    }
  }

  public synchronized Snapshot snapshot() {
    return new Snapshot(counts, total, sumMicros);
  }

  public synchronized void record(long nanos) {
    long micros = Math.max(0, nanos / 1000);
    int b = Math.min(BUCKETS - 1, 64 - Long.numberOfLeadingZeros(micros));
    counts[b]++;
    total++;
    maxMicros = Math.max(maxMicros, micros);
    sumMicros += micros;
  }

  public synchronized long count() {
    return total;
  }

  public synchronized long maxMicros() {
    return maxMicros;
  }

  /** An upper bound on the q-quantile (0 < q <= 1) in microseconds; 0 when empty. */
  public synchronized long quantileMicros(double q) {
    if (total == 0) return 0;
    long rank = (long) Math.ceil(q * total), seen = 0;
    for (int b = 0; b < BUCKETS; b++) {
      seen += counts[b];
      if (seen >= rank) return Math.min(maxMicros, b == 0 ? 0 : (1L << b) - 1);
    }
    return maxMicros;
  }
}
