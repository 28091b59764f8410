package dev.cordon.policy.compile;

import dev.cordon.policy.model.IpPrefix;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The change to one device's table: gateways it now peers with, gateways whose prefixes changed
 * (with the full new list), and gateways it no longer peers with. A removed table (the device was
 * revoked or deleted) has {@code tableRemoved} set.
 */
public record DeviceDelta(
    String deviceId,
    long fromVersion,
    long toVersion,
    Map<String, List<IpPrefix>> addedPeers,
    Map<String, List<IpPrefix>> changedPeers,
    List<String> removedPeers,
    boolean tableRemoved) {

  public DeviceDelta {
    addedPeers = Map.copyOf(addedPeers);
    changedPeers = Map.copyOf(changedPeers);
    removedPeers = List.copyOf(removedPeers);
  }

  /** The delta between two versions of one device's table; null stands for "no table". */
  public static DeviceDelta between(String id, DeviceTable older, DeviceTable newer) {
    Map<String, List<IpPrefix>> before = older == null ? Map.of() : older.peers();
    Map<String, List<IpPrefix>> after = newer == null ? Map.of() : newer.peers();
    Map<String, List<IpPrefix>> added = new TreeMap<>();
    Map<String, List<IpPrefix>> changed = new TreeMap<>();
    List<String> removed = new ArrayList<>();
    after.forEach(
        (k, v) -> {
          if (!before.containsKey(k)) added.put(k, v);
          else if (!before.get(k).equals(v)) changed.put(k, v);
        });
    before.keySet().stream().filter(k -> !after.containsKey(k)).forEach(removed::add);
    return new DeviceDelta(
        id,
        older == null ? 0 : older.version(),
        newer == null ? 0 : newer.version(),
        added,
        changed,
        removed,
        older != null && newer == null);
  }

  public boolean isEmpty() {
    return addedPeers.isEmpty()
        && changedPeers.isEmpty()
        && removedPeers.isEmpty()
        && !tableRemoved;
  }
}
