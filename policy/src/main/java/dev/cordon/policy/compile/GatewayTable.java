package dev.cordon.policy.compile;

import dev.cordon.policy.model.Service;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import org.pcollections.TreePMap;

/**
 * What one gateway enforces at {@code version}: authorized peers by device id, flow rules in
 * evaluation order, and the services behind it (so an address no rule names is still known).
 *
 * <p>The peers are a persistent sorted map: nobody can change it, and the table of the next version
 * is made from it with {@code plus} and {@code minus}, sharing every peer that did not change. A
 * revocation at a gateway holding 100,000 peers therefore costs one path through the tree, not a
 * copy of the fleet.
 */
public record GatewayTable(
    String gateway,
    long version,
    boolean relay,
    TreePMap<String, AuthorizedPeer> peers,
    List<FlowRule> rules,
    List<Service> services) {

  public GatewayTable {
    peers = persistent(peers);
    rules = List.copyOf(rules);
    services = List.copyOf(services);
  }

  /** A table over a copy of {@code peers}, whatever kind of map they come in. */
  public GatewayTable(
      String gateway,
      long version,
      boolean relay,
      Map<String, AuthorizedPeer> peers,
      List<FlowRule> rules,
      List<Service> services) {
    this(gateway, version, relay, persistent(peers), rules, services);
  }

  /** {@code peers} as a persistent map in device-id order: shared if it is one, else copied. */
  private static TreePMap<String, AuthorizedPeer> persistent(Map<String, AuthorizedPeer> peers) {
    if (peers instanceof TreePMap<String, AuthorizedPeer> p
        && p.comparator() == Comparator.naturalOrder()) {
      return p;
    }
    if (peers instanceof SortedMap<String, AuthorizedPeer> s && s.comparator() == null) {
      return TreePMap.fromSortedMap(s); // linear: the entries already come in order
    }
    return TreePMap.from(peers);
  }

  /**
   * The same peers under other rules, services and relay role, at {@code version}: the peers are
   * shared, not copied, so a rule change costs the rules whatever the number of peers.
   */
  public GatewayTable withRules(
      long version, boolean relay, List<FlowRule> rules, List<Service> services) {
    return new GatewayTable(gateway, version, relay, peers, rules, services);
  }

  /** Same peers, rules and services, whatever the versions. */
  public boolean sameContentAs(GatewayTable o) {
    return gateway.equals(o.gateway)
        && relay == o.relay
        && peers.equals(o.peers)
        && rules.equals(o.rules)
        && services.equals(o.services);
  }
}
