package dev.cordon.gateway.enforce;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/** One counter per drop reason; safe for any number of packet threads. */
public final class DropCounters {
  private final LongAdder[] counters = new LongAdder[DropReason.values().length];

  public DropCounters() {
    for (int i = 0; i < counters.length; i++) counters[i] = new LongAdder();
  }

  public void count(DropReason reason) {
    counters[reason.ordinal()].increment();
  }

  public long get(DropReason reason) {
    return counters[reason.ordinal()].sum();
  }

  /** Every reason with its count, zeros included, in declaration order. */
  public Map<DropReason, Long> snapshot() {
    Map<DropReason, Long> m = new EnumMap<>(DropReason.class);
    for (DropReason r : DropReason.values()) m.put(r, get(r));
    return m;
  }
}
