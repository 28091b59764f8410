package dev.cordon.policy.conntrack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cordon.policy.eval.Decision;
import dev.cordon.policy.model.IpAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * The tracker's index of entries by endpoint always holds exactly the live entries with that
 * address at either end, whatever mix of tracking, re-tracking, lookups of expired flows, removals,
 * expiry sweeps and evictions of a full tracker came before: checked against a scan of every entry.
 */
class EndpointIndexTest {
  private static final List<IpAddress> ADDRESSES =
      List.of(
          IpAddress.parse("100.64.0.2"),
          IpAddress.parse("100.64.0.3"),
          IpAddress.parse("100.64.0.4"),
          IpAddress.parse("10.10.1.20"),
          IpAddress.parse("fd7a::2"),
          IpAddress.parse("fd00::20"));

  @Property(tries = 300)
  void theIndexHoldsExactlyTheLiveEntriesOfEachAddress(@ForAll long seed) {
    Random r = new Random(seed);
    // Entries are stamped version 1 under a tracker at version 2, so stale() lists every entry.
    ConnTracker tracker = new ConnTracker(Timeouts.DEFAULT, 1 + r.nextInt(24), 2);
    long now = 1_000_000;
    for (int op = 0; op < 200; op++) {
      FlowKey k = key(r);
      switch (r.nextInt(6)) {
        case 0, 1 -> tracker.track(k, Decision.allow("r"), 1, TcpFlags.SYN, now);
        case 2 -> tracker.lookup(r.nextBoolean() ? k : k.reverse(), now);
        case 3 -> tracker.remove(k);
        case 4 -> tracker.expire(now);
        default -> now += r.nextInt(200_000); // past some flows' timeouts
      }
      assertIndexMatchesAScan(tracker, "seed " + seed + " op " + op);
    }
    tracker.expire(Long.MAX_VALUE);
    for (IpAddress a : ADDRESSES) {
      assertTrue(tracker.involving(a.hi(), a.lo()).isEmpty(), "emptied: " + a);
    }
  }

  private static void assertIndexMatchesAScan(ConnTracker tracker, String where) {
    List<ConnEntry> all = tracker.stale();
    assertEquals(tracker.size(), all.size(), where);
    for (IpAddress a : ADDRESSES) {
      Set<ConnEntry> scanned = new HashSet<>();
      for (ConnEntry e : all) {
        FlowKey k = e.key();
        boolean src = k.srcHi() == a.hi() && k.srcLo() == a.lo();
        boolean dst = k.dstHi() == a.hi() && k.dstLo() == a.lo();
        if (src || dst) scanned.add(e);
      }
      List<ConnEntry> indexed = tracker.involving(a.hi(), a.lo());
      assertEquals(scanned.size(), indexed.size(), where + " " + a + ": as many as a scan finds");
      assertEquals(scanned, new HashSet<>(indexed), where + " " + a);
    }
  }

  private static FlowKey key(Random r) {
    List<IpAddress> pool = new ArrayList<>(ADDRESSES);
    boolean v6 = r.nextBoolean();
    List<IpAddress> family = pool.stream().filter(a -> a.toString().contains(":") == v6).toList();
    IpAddress src = family.get(r.nextInt(family.size()));
    IpAddress dst = family.get(r.nextInt(family.size()));
    int proto = List.of(6, 17, 1).get(r.nextInt(3));
    return FlowKey.of(proto, src, 40_000 + r.nextInt(3), dst, 7000 + r.nextInt(2));
  }
}
