package dev.cordon.controller.tables;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.cordon.policy.compile.AuthorizedPeer;
import dev.cordon.policy.compile.DeviceDelta;
import dev.cordon.policy.compile.DeviceTable;
import dev.cordon.policy.compile.FlowRule;
import dev.cordon.policy.compile.GatewayDelta;
import dev.cordon.policy.compile.GatewayTable;
import dev.cordon.policy.model.IpPrefix;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Applies updates the way a gateway or an agent would: a delta only on its exact version. */
final class TableReplay {
  private TableReplay() {}

  static GatewayTable apply(GatewayTable table, GatewayUpdate update) {
    return switch (update) {
      case GatewayUpdate.Snapshot s -> s.table();
      case GatewayUpdate.Delta d -> apply(table, d.delta());
    };
  }

  static GatewayTable apply(GatewayTable table, GatewayDelta d) {
    assertEquals(table.version(), d.fromVersion(), "a delta applies on its from-version only");
    Map<String, AuthorizedPeer> peers = new TreeMap<>(table.peers());
    d.removedPeers().forEach(peers::remove);
    d.changedPeers().forEach(p -> peers.put(p.deviceId(), p));
    d.addedPeers().forEach(p -> peers.put(p.deviceId(), p));
    Map<String, FlowRule> rules = new LinkedHashMap<>();
    table.rules().forEach(r -> rules.put(r.id(), r));
    d.removedRules().forEach(rules::remove);
    d.changedRules().forEach(r -> rules.put(r.id(), r));
    d.addedRules().forEach(r -> rules.put(r.id(), r));
    List<FlowRule> ordered = new ArrayList<>(rules.values());
    ordered.sort(java.util.Comparator.comparingInt(FlowRule::order).thenComparing(FlowRule::id));
    return new GatewayTable(
        table.gateway(), d.toVersion(), table.relay(), peers, ordered, table.services());
  }

  static DeviceTable apply(DeviceTable table, DeviceUpdate update) {
    return switch (update) {
      case DeviceUpdate.Snapshot s -> s.table();
      case DeviceUpdate.Delta d -> apply(table, d.delta());
    };
  }

  static DeviceTable apply(DeviceTable table, DeviceDelta d) {
    assertEquals(table.version(), d.fromVersion(), "a delta applies on its from-version only");
    Map<String, List<IpPrefix>> peers = new TreeMap<>(table.peers());
    d.removedPeers().forEach(peers::remove);
    peers.putAll(d.changedPeers());
    peers.putAll(d.addedPeers());
    return new DeviceTable(table.deviceId(), d.toVersion(), peers);
  }
}
