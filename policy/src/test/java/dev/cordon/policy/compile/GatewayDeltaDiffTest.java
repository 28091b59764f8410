package dev.cordon.policy.compile;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.pcollections.TreePMap;

/**
 * The one-pass difference of two key-ordered maps equals the lookup-per-key difference of the same
 * maps held unordered, and lists added and changed entries in key order; the persistent maps that
 * gateway tables hold differ exactly as sorted ones do.
 */
class GatewayDeltaDiffTest {

  @Property(tries = 500)
  void orderedMapsDifferAsUnorderedOnesDo(@ForAll long seed) {
    Random r = new Random(seed);
    TreeMap<String, String> before = new TreeMap<>(), after = new TreeMap<>();
    for (int i = r.nextInt(30); i > 0; i--) put(before, r);
    for (int i = r.nextInt(30); i > 0; i--) put(after, r);
    List<String> added = new ArrayList<>(), changed = new ArrayList<>();
    List<String> removed = new ArrayList<>();
    GatewayDelta.diff(before, after, added, changed, removed);
    List<String> addedU = new ArrayList<>(), changedU = new ArrayList<>();
    List<String> removedU = new ArrayList<>();
    GatewayDelta.diff(new HashMap<>(before), new HashMap<>(after), addedU, changedU, removedU);

    assertEquals(new HashSet<>(removedU), new HashSet<>(removed), "removed, seed " + seed);
    assertEquals(removedU.size(), removed.size(), "removed, seed " + seed);
    assertEquals(removed.stream().sorted().toList(), removed, "removed in key order");
    assertEquals(sorted(addedU), added, "added in key order, seed " + seed);
    assertEquals(sorted(changedU), changed, "changed in key order, seed " + seed);
    List<String> addedP = new ArrayList<>(), changedP = new ArrayList<>();
    List<String> removedP = new ArrayList<>();
    GatewayDelta.diff(
        TreePMap.fromSortedMap(before), TreePMap.fromSortedMap(after), addedP, changedP, removedP);
    assertEquals(
        List.of(added, changed, removed), List.of(addedP, changedP, removedP), "persistent");
    Map<String, String> rebuilt = new TreeMap<>(before);
    removed.forEach(rebuilt::remove);
    assertEquals(after.size(), rebuilt.size() + added.size(), "seed " + seed);
  }

  /** A value names its key, so lists of values say which keys they are. */
  private static void put(TreeMap<String, String> m, Random r) {
    String key = "k" + (10 + r.nextInt(40));
    m.put(key, key + "=" + r.nextInt(3));
  }

  private static List<String> sorted(List<String> l) {
    return l.stream().sorted().toList();
  }
}
