package dev.cordon.gateway.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/**
 * Issue 5's memory number: the heap a gateway holds for its authorized peers. Measures used heap
 * after a full collection before and after loading the table through the applier (the proto
 * snapshot itself is dropped first, as the daemon drops it), and prints one line per size.
 *
 * <p>{@code java -Xmx2g -cp gateway/target/benchmarks.jar dev.cordon.gateway.bench.PeerTableFootprint
 * 100000 10000}
 */
public final class PeerTableFootprint {
  private PeerTableFootprint() {}

  public static void main(String[] args) {
    int peers = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    int rules = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    long before = usedAfterGc(memory);
    LoadedGateway gateway = LoadedGateway.load(peers, rules, 1 << 16);
    long after = usedAfterGc(memory);
    long bytes = after - before;
    System.out.printf(
        "footprint: %d peers, %d rules: %.1f MiB of heap after GC (%.0f bytes per peer);"
            + " target < 1024 MiB: %s%n",
        peers,
        rules,
        bytes / (1024.0 * 1024.0),
        bytes / (double) peers,
        bytes < (1L << 30) ? "met" : "NOT met");
    // Keeps the state reachable until after the measurement.
    if (gateway.state.slots().size() != peers) throw new IllegalStateException("lost peers");
  }

  private static long usedAfterGc(MemoryMXBean memory) {
    long used = Long.MAX_VALUE;
    // Several rounds: one System.gc() may leave floating garbage; the lowest reading counts.
    for (int i = 0; i < 4; i++) {
      memory.gc();
      used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
    }
    return used;
  }
}
