package dev.cordon.tunnel;

import dev.cordon.tunnel.session.Drop;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Drops counted per reason: the session layer's, the device's and the owner policy's. */
final class DropCounters {
  private static final EnumMap<Drop, DropReason> SESSION_REASONS = new EnumMap<>(Drop.class);

  static {
    for (Drop d : Drop.values()) {
      SESSION_REASONS.put(d, new DropReason(d.name().toLowerCase(Locale.ROOT)));
    }
  }

  private final ConcurrentHashMap<DropReason, LongAdder> counts = new ConcurrentHashMap<>();

  void count(DropReason reason) {
    count(reason, 1);
  }

  void count(DropReason reason, long n) {
    if (n > 0) {
      counts.computeIfAbsent(reason, r -> new LongAdder()).add(n);
    }
  }

  void count(Drop reason) {
    count(SESSION_REASONS.get(reason));
  }

  /** Every reason seen so far with its count, sorted by name. */
  Map<DropReason, Long> snapshot() {
    Map<DropReason, Long> out = new TreeMap<>((a, b) -> a.name().compareTo(b.name()));
    counts.forEach((reason, n) -> out.put(reason, n.sum()));
    return out;
  }
}
