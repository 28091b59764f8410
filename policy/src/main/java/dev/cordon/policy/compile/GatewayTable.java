package dev.cordon.policy.compile;

import dev.cordon.policy.model.Service;
import java.util.AbstractMap;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What one gateway enforces at {@code version}: authorized peers by device id, flow rules in
 * evaluation order, and the services behind it (so an address no rule names is still known).
 */
public record GatewayTable(
    String gateway,
    long version,
    boolean relay,
    Map<String, AuthorizedPeer> peers,
    List<FlowRule> rules,
    List<Service> services) {

  public GatewayTable {
    // Another table's peers are shared as they are (they cannot change); any other map is copied.
    peers = peers instanceof FrozenPeers frozen ? frozen : new FrozenPeers(peers);
    rules = List.copyOf(rules);
    services = List.copyOf(services);
  }

  /**
   * The same peers under other rules, services and relay role, at {@code version}: the peers are
   * shared, not copied, so a rule change costs the rules whatever the number of peers.
   */
  public GatewayTable withRules(
      long version, boolean relay, List<FlowRule> rules, List<Service> services) {
    return new GatewayTable(gateway, version, relay, peers, rules, services);
  }

  /**
   * A table's peers: a sorted copy (so copies of it are built in linear time) that nobody can
   * change, which is what lets later tables share it. Only this class makes one.
   */
  private static final class FrozenPeers extends AbstractMap<String, AuthorizedPeer>
      implements SortedMap<String, AuthorizedPeer> {
    private final SortedMap<String, AuthorizedPeer> sorted;

    FrozenPeers(Map<String, AuthorizedPeer> source) {
      sorted = Collections.unmodifiableSortedMap(new TreeMap<>(source));
    }

    @Override
    public Set<Map.Entry<String, AuthorizedPeer>> entrySet() {
      return sorted.entrySet();
    }

    @Override
    public AuthorizedPeer get(Object key) {
      return sorted.get(key);
    }

    @Override
    public boolean containsKey(Object key) {
      return sorted.containsKey(key);
    }

    @Override
    public int size() {
      return sorted.size();
    }

    @Override
    public Comparator<? super String> comparator() {
      return sorted.comparator();
    }

    @Override
    public SortedMap<String, AuthorizedPeer> subMap(String from, String to) {
      return sorted.subMap(from, to);
    }

    @Override
    public SortedMap<String, AuthorizedPeer> headMap(String to) {
      return sorted.headMap(to);
    }

    @Override
    public SortedMap<String, AuthorizedPeer> tailMap(String from) {
      return sorted.tailMap(from);
    }

    @Override
    public String firstKey() {
      return sorted.firstKey();
    }

    @Override
    public String lastKey() {
      return sorted.lastKey();
    }

    @Override
    public Set<String> keySet() {
      return sorted.keySet();
    }

    @Override
    public Collection<AuthorizedPeer> values() {
      return sorted.values();
    }
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
