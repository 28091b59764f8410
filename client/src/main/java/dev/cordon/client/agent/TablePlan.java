package dev.cordon.client.agent;

import dev.cordon.client.cli.Formats;
import dev.cordon.proto.v1.DevicePeer;
import dev.cordon.proto.v1.DeviceStatus;
import dev.cordon.proto.v1.DeviceTable;
import dev.cordon.proto.v1.IpPrefix;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What a device table asks of the interface: the peers to configure and the routes to install. A
 * route exists only for a prefix some peer may carry, so the device never sends into the tunnel
 * what no gateway would accept. A device that is pending or revoked gets no peers at all.
 *
 * @param peers by base64 key, sorted
 * @param routes every prefix routed into the interface, normalized and sorted
 * @param rejected prefixes the table sent that are not prefixes, for a log line
 */
public record TablePlan(
    Map<String, PeerPlan> peers, SortedSet<String> routes, List<String> rejected) {

  public static final TablePlan EMPTY = new TablePlan(Map.of(), new TreeSet<>(), List.of());

  public TablePlan {
    peers = Collections.unmodifiableMap(new TreeMap<>(peers));
    routes = Collections.unmodifiableSortedSet(new TreeSet<>(routes));
    rejected = List.copyOf(rejected);
  }

  /** The plan of {@code table}. */
  public static TablePlan of(DeviceTable table) {
    if (table.getStatus() == DeviceStatus.DEVICE_STATUS_REVOKED
        || table.getStatus() == DeviceStatus.DEVICE_STATUS_PENDING) {
      return EMPTY;
    }
    Map<String, PeerPlan> peers = new TreeMap<>();
    SortedSet<String> routes = new TreeSet<>();
    List<String> rejected = new ArrayList<>();
    for (DevicePeer peer : table.getPeersList()) {
      if (peer.getWireguardPublicKey().size() != 32) {
        rejected.add("peer key of " + peer.getWireguardPublicKey().size() + " bytes");
        continue;
      }
      SortedSet<String> prefixes = new TreeSet<>();
      for (IpPrefix prefix : peer.getAllowedPrefixesList()) {
        String text = Formats.prefix(prefix);
        try {
          prefixes.add(dev.cordon.tunnel.allowedips.IpPrefix.parse(text).toString());
        } catch (IllegalArgumentException e) {
          rejected.add(text);
        }
      }
      String key = Base64.getEncoder().encodeToString(peer.getWireguardPublicKey().toByteArray());
      String endpoint =
          peer.getEndpointsCount() == 0 ? null : Formats.endpoint(peer.getEndpoints(0));
      peers.put(
          key,
          new PeerPlan(
              key,
              peer.getIdentity().getName(),
              endpoint,
              List.copyOf(prefixes),
              peer.getPersistentKeepaliveSeconds()));
      routes.addAll(prefixes);
    }
    return new TablePlan(peers, routes, rejected);
  }

  /**
   * The steps from {@code this} to {@code next}, narrowing before widening: routes that go away are
   * removed first, then peers that go away, then peers are set, then new routes added. At no moment
   * is the device wider than either plan.
   */
  public PlanChanges changesTo(TablePlan next) {
    List<String> removedRoutes = new ArrayList<>(routes);
    removedRoutes.removeAll(next.routes);
    List<String> removedPeers = new ArrayList<>(peers.keySet());
    removedPeers.removeAll(next.peers.keySet());
    List<PeerPlan> setPeers = new ArrayList<>();
    next.peers.forEach(
        (key, peer) -> {
          if (!peer.equals(peers.get(key))) {
            setPeers.add(peer);
          }
        });
    List<String> addedRoutes = new ArrayList<>(next.routes);
    addedRoutes.removeAll(routes);
    return new PlanChanges(removedRoutes, removedPeers, setPeers, addedRoutes);
  }
}
