package dev.cordon.policy.enforce;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** Numbers segment names so sets of them become bit masks that intersect without allocating. */
final class SegmentMasks {
  private final Map<String, Integer> index = new HashMap<>();

  void add(Set<String> names) {
    for (String n : names) index.putIfAbsent(n, index.size());
  }

  int words() {
    return Math.max(1, (index.size() + 63) / 64);
  }

  long[] mask(Set<String> names) {
    long[] m = new long[words()];
    for (String n : names) {
      Integer i = index.get(n);
      if (i != null) m[i >>> 6] |= 1L << (i & 63);
    }
    return m;
  }

  /** Whether both give every segment the same bit (so masks made by either agree). */
  boolean sameNumbering(SegmentMasks other) {
    return index.equals(other.index);
  }

  static boolean intersects(long[] a, long[] b) {
    for (int i = 0; i < a.length; i++) if ((a[i] & b[i]) != 0) return true;
    return false;
  }
}
