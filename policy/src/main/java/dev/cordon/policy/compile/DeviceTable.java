package dev.cordon.policy.compile;

import dev.cordon.policy.model.IpPrefix;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one device's agent configures at {@code version}: for each gateway it peers with, the
 * prefixes that peer may carry (its allowed IPs). A superset of what rules allow: conditions and
 * deny rules are enforced by the gateway, not by routing.
 */
public record DeviceTable(String deviceId, long version, Map<String, List<IpPrefix>> peers) {
  public DeviceTable {
    TreeMap<String, List<IpPrefix>> copy = new TreeMap<>();
    peers.forEach((k, v) -> copy.put(k, List.copyOf(v)));
    peers = Collections.unmodifiableMap(copy);
  }

  public boolean sameContentAs(DeviceTable o) {
    return deviceId.equals(o.deviceId) && peers.equals(o.peers);
  }
}
