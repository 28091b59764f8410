package dev.cordon.policy.compile;

import dev.cordon.policy.model.Service;
import java.util.Collections;
import java.util.List;
import java.util.Map;
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
    // Kept sorted (not just unmodifiable) so copies of it are built in linear time.
    peers = Collections.unmodifiableSortedMap(new TreeMap<>(peers));
    rules = List.copyOf(rules);
    services = List.copyOf(services);
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
