package dev.cordon.policy.compile;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;

/**
 * The change that turns a gateway's table at {@code fromVersion} into the one at {@code toVersion}:
 * peers and flow rules added, changed (same key, new value) and removed (by key).
 */
public record GatewayDelta(
    String gateway,
    long fromVersion,
    long toVersion,
    List<AuthorizedPeer> addedPeers,
    List<AuthorizedPeer> changedPeers,
    List<String> removedPeers,
    List<FlowRule> addedRules,
    List<FlowRule> changedRules,
    List<String> removedRules) {

  public GatewayDelta {
    addedPeers = List.copyOf(addedPeers);
    changedPeers = List.copyOf(changedPeers);
    removedPeers = List.copyOf(removedPeers);
    addedRules = List.copyOf(addedRules);
    changedRules = List.copyOf(changedRules);
    removedRules = List.copyOf(removedRules);
  }

  public boolean isEmpty() {
    return addedPeers.isEmpty()
        && changedPeers.isEmpty()
        && removedPeers.isEmpty()
        && addedRules.isEmpty()
        && changedRules.isEmpty()
        && removedRules.isEmpty();
  }

  /** The delta between any two versions of one gateway's table. */
  public static GatewayDelta between(GatewayTable older, GatewayTable newer) {
    if (!older.gateway().equals(newer.gateway())) {
      throw new IllegalArgumentException("tables of different gateways");
    }
    List<AuthorizedPeer> added = new ArrayList<>(), changed = new ArrayList<>();
    List<String> removed = new ArrayList<>();
    diff(older.peers(), newer.peers(), added, changed, removed);
    Map<String, FlowRule> oldRules = byId(older.rules()), newRules = byId(newer.rules());
    List<FlowRule> addedRules = new ArrayList<>(), changedRules = new ArrayList<>();
    List<String> removedRules = new ArrayList<>();
    diff(oldRules, newRules, addedRules, changedRules, removedRules);
    return new GatewayDelta(
        newer.gateway(),
        older.version(),
        newer.version(),
        added,
        changed,
        removed,
        addedRules,
        changedRules,
        removedRules);
  }

  private static Map<String, FlowRule> byId(List<FlowRule> rules) {
    Map<String, FlowRule> m = new LinkedHashMap<>();
    for (FlowRule r : rules) m.put(r.id(), r);
    return m;
  }

  static <V> void diff(
      Map<String, V> before,
      Map<String, V> after,
      List<V> added,
      List<V> changed,
      List<String> removed) {
    if (before instanceof SortedMap<String, V> b
        && after instanceof SortedMap<String, V> a
        && naturalOrder(b)
        && naturalOrder(a)) {
      merge(b, a, added, changed, removed);
      return;
    }
    after.forEach(
        (k, v) -> {
          V old = before.get(k);
          if (old == null) added.add(v);
          else if (!Objects.equals(old, v)) changed.add(v);
        });
    before.keySet().stream().filter(k -> !after.containsKey(k)).forEach(removed::add);
  }

  private static boolean naturalOrder(SortedMap<String, ?> m) {
    return m.comparator() == null || m.comparator() == Comparator.naturalOrder();
  }

  /**
   * The same difference for two maps in key order, in one pass over both: tables of 10,000s of
   * peers are compared on every new document, so no lookup per peer.
   */
  private static <V> void merge(
      SortedMap<String, V> before,
      SortedMap<String, V> after,
      List<V> added,
      List<V> changed,
      List<String> removed) {
    Iterator<Map.Entry<String, V>> ib = before.entrySet().iterator();
    Iterator<Map.Entry<String, V>> ia = after.entrySet().iterator();
    Map.Entry<String, V> b = ib.hasNext() ? ib.next() : null;
    Map.Entry<String, V> a = ia.hasNext() ? ia.next() : null;
    while (b != null || a != null) {
      int c = b == null ? 1 : a == null ? -1 : b.getKey().compareTo(a.getKey());
      if (c < 0) {
        removed.add(b.getKey());
      } else if (c > 0) {
        added.add(a.getValue());
      } else if (!Objects.equals(b.getValue(), a.getValue())) {
        changed.add(a.getValue());
      }
      if (c <= 0) b = ib.hasNext() ? ib.next() : null;
      if (c >= 0) a = ia.hasNext() ? ia.next() : null;
    }
  }
}
