package dev.cordon.policy.compile;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

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
    after.forEach(
        (k, v) -> {
          V old = before.get(k);
          if (old == null) added.add(v);
          else if (!Objects.equals(old, v)) changed.add(v);
        });
    before.keySet().stream().filter(k -> !after.containsKey(k)).forEach(removed::add);
  }
}
