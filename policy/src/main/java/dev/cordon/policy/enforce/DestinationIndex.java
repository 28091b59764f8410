package dev.cordon.policy.enforce;

import dev.cordon.policy.model.IpAddress;
import dev.cordon.policy.model.IpPrefix;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Service prefixes cut into disjoint address intervals; each interval lists the rules whose prefix
 * covers it (ascending) and whether any service covers it. A lookup is one binary search.
 */
final class DestinationIndex {
  private static final int[] NONE = new int[0];

  /** Interval i spans [start_i, start_{i+1}); the last runs to the top of the space. */
  private final long[] startHi;

  private final long[] startLo;
  private final int[][] rules;
  private final boolean[] known;

  /**
   * @param rulePrefixes the prefix of each service rule, by rule slot (null: not a service rule)
   * @param servicePrefixes every service prefix behind the gateway
   */
  DestinationIndex(List<IpPrefix> rulePrefixes, List<IpPrefix> servicePrefixes) {
    TreeSet<IpAddress> cuts = new TreeSet<>();
    cuts.add(new IpAddress(0, 0, false));
    List<IpPrefix> all = new ArrayList<>(servicePrefixes);
    for (IpPrefix p : rulePrefixes) if (p != null) all.add(p);
    for (IpPrefix p : all) {
      cuts.add(p.first());
      IpAddress last = p.last();
      if (last.hi() != -1L || last.lo() != -1L) cuts.add(next(last));
    }
    IpAddress[] starts = cuts.toArray(IpAddress[]::new);
    startHi = new long[starts.length];
    startLo = new long[starts.length];
    for (int i = 0; i < starts.length; i++) {
      startHi[i] = starts[i].hi();
      startLo[i] = starts[i].lo();
    }
    List<List<Integer>> lists = new ArrayList<>();
    for (int i = 0; i < starts.length; i++) lists.add(new ArrayList<>());
    known = new boolean[starts.length];
    for (int r = 0; r < rulePrefixes.size(); r++) {
      IpPrefix p = rulePrefixes.get(r);
      if (p == null) continue;
      for (int i = slot(p.first().hi(), p.first().lo()); i < starts.length && inside(p, i); i++) {
        lists.get(i).add(r);
      }
    }
    for (IpPrefix p : servicePrefixes) {
      for (int i = slot(p.first().hi(), p.first().lo()); i < starts.length && inside(p, i); i++) {
        known[i] = true;
      }
    }
    rules = new int[starts.length][];
    for (int i = 0; i < starts.length; i++) {
      List<Integer> l = lists.get(i);
      rules[i] = l.isEmpty() ? NONE : l.stream().mapToInt(Integer::intValue).toArray();
    }
  }

  private boolean inside(IpPrefix p, int slot) {
    return p.contains(startHi[slot], startLo[slot]);
  }

  private static IpAddress next(IpAddress a) {
    long lo = a.lo() + 1;
    long hi = lo == 0 ? a.hi() + 1 : a.hi();
    return new IpAddress(hi, lo, a.v4());
  }

  /** The interval holding the address: the last start at or below it. */
  int slot(long hi, long lo) {
    int low = 0, high = startHi.length - 1;
    while (low < high) {
      int mid = (low + high + 1) >>> 1;
      if (IpAddress.compare(startHi[mid], startLo[mid], hi, lo) <= 0) low = mid;
      else high = mid - 1;
    }
    return low;
  }

  int[] rules(int slot) {
    return rules[slot];
  }

  boolean known(int slot) {
    return known[slot];
  }
}
