package dev.cordon.controller.tables;

import dev.cordon.controller.registry.GatewayRecord;
import dev.cordon.policy.compile.DeviceDelta;
import dev.cordon.policy.compile.DeviceTable;
import dev.cordon.policy.model.IpPrefix;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * One device's subscribers, each with the table and state it holds. Devices are many and mostly
 * unsubscribed, so nothing is kept for a device nobody watches. Used only on the feed's thread.
 */
final class DeviceChannel {
  private final String deviceId;
  final List<Sub> subscribers = new ArrayList<>();

  static final class Sub {
    final Subscriber<DeviceUpdate> subscriber;
    final long known;
    long sent = -1;
    DeviceTable table;
    DeviceState state;
    volatile boolean closed;

    Sub(Subscriber<DeviceUpdate> subscriber, long known) {
      this.subscriber = subscriber;
      this.known = known;
    }
  }

  DeviceChannel(String deviceId) {
    this.deviceId = deviceId;
  }

  /**
   * Starts a subscriber: nothing when its version is still current, else a snapshot.
   *
   * @param changedAt the revision this device's table or state last changed at (or a floor)
   */
  void start(
      Sub sub,
      long changedAt,
      long revision,
      DeviceTable table,
      DeviceState state,
      long policyVersion,
      Instant at,
      Function<String, GatewayRecord> gateways) {
    subscribers.add(sub);
    sub.table = table;
    sub.state = state;
    if (sub.known != 0 && sub.known >= changedAt && sub.known <= revision) {
      sub.sent = sub.known;
      // It holds this table already; it needs to know that to map later removals to keys.
      Deliveries.resumed(
          sub.subscriber,
          new DeviceUpdate.Snapshot(
              new DeviceTable(deviceId, sub.known, table.peers()),
              state,
              policyVersion,
              at,
              records(table.peers().keySet(), gateways)),
          () -> sub.closed = true);
      return;
    }
    sub.sent = revision;
    DeviceTable relabeled = new DeviceTable(deviceId, revision, table.peers());
    deliver(
        sub,
        new DeviceUpdate.Snapshot(
            relabeled, state, policyVersion, at, records(table.peers().keySet(), gateways)));
  }

  /**
   * Sends each subscriber what changed since what it holds; {@code refreshed} names gateways whose
   * records (key, endpoints) changed, sent again as changed peers.
   */
  void publish(
      long revision,
      DeviceTable table,
      DeviceState state,
      Set<String> refreshed,
      long policyVersion,
      Instant at,
      Function<String, GatewayRecord> gateways) {
    subscribers.removeIf(s -> s.closed);
    for (Sub sub : subscribers) {
      DeviceDelta diff = DeviceDelta.between(deviceId, sub.table, table);
      Map<String, List<IpPrefix>> changed = new TreeMap<>(diff.changedPeers());
      for (String g : refreshed) {
        if (table.peers().containsKey(g) && sub.table.peers().containsKey(g)) {
          changed.put(g, table.peers().get(g));
        }
      }
      Optional<DeviceState> newState =
          Objects.equals(sub.state, state) ? Optional.empty() : Optional.of(state);
      DeviceDelta own =
          new DeviceDelta(
              deviceId, sub.sent, revision, diff.addedPeers(), changed, diff.removedPeers(), false);
      if (own.isEmpty() && newState.isEmpty()) {
        continue;
      }
      sub.sent = revision;
      sub.table = table;
      sub.state = state;
      List<String> named = new ArrayList<>(own.addedPeers().keySet());
      named.addAll(own.changedPeers().keySet());
      deliver(
          sub, new DeviceUpdate.Delta(own, newState, policyVersion, at, records(named, gateways)));
    }
  }

  private static Map<String, GatewayRecord> records(
      Iterable<String> names, Function<String, GatewayRecord> gateways) {
    Map<String, GatewayRecord> out = new HashMap<>();
    for (String n : names) {
      GatewayRecord r = gateways.apply(n);
      if (r != null) out.put(n, r);
    }
    return out;
  }

  private static void deliver(Sub sub, DeviceUpdate update) {
    if (!sub.closed) {
      Deliveries.deliver(sub.subscriber, update, () -> sub.closed = true);
    }
  }
}
