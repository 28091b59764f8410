package dev.cordon.client.agent;

import dev.cordon.tunnel.PeerConfig;
import dev.cordon.tunnel.allowedips.IpPrefix;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Carries {@link PlanChanges} out on a {@link Tunnel}, in their order (narrowing first). A step
 * that fails is reported and the rest still run: a route that cannot be removed must not keep a
 * peer alive, and one peer's bad endpoint must not block the others.
 */
final class TableApplier {

  private TableApplier() {}

  /** Applies the steps; returns a problem per step that failed (empty when all worked). */
  static List<String> apply(Tunnel tunnel, PlanChanges changes) {
    List<String> problems = new ArrayList<>();
    for (String route : changes.removedRoutes()) {
      try {
        tunnel.removeRoute(route);
      } catch (IOException | RuntimeException e) {
        problems.add("cannot remove the route to " + route + ": " + e.getMessage());
      }
    }
    for (String key : changes.removedPeers()) {
      tunnel.removePeer(Base64.getDecoder().decode(key));
    }
    for (PeerPlan peer : changes.setPeers()) {
      try {
        tunnel.setPeer(config(peer));
      } catch (RuntimeException e) {
        problems.add("cannot configure peer " + label(peer) + ": " + e.getMessage());
      }
    }
    for (String route : changes.addedRoutes()) {
      try {
        tunnel.addRoute(route);
      } catch (IOException | RuntimeException e) {
        problems.add("cannot route " + route + ": " + e.getMessage());
      }
    }
    return problems;
  }

  /**
   * Removes every peer of {@code plan} and its routes: what revocation leaves behind is nothing.
   */
  static void tearDown(Tunnel tunnel, TablePlan plan) {
    apply(tunnel, plan.changesTo(TablePlan.EMPTY));
  }

  static PeerConfig config(PeerPlan peer) {
    return new PeerConfig(
        Base64.getDecoder().decode(peer.key()),
        null,
        endpoint(peer.endpoint()),
        peer.allowedPrefixes().stream().map(IpPrefix::parse).toList(),
        peer.keepaliveSeconds());
  }

  /**
   * "host:port" or "[v6]:port" to an address; a host name is resolved here, once per change. An
   * unresolvable name leaves the endpoint unknown until the peer is heard from.
   */
  static InetSocketAddress endpoint(String text) {
    if (text == null) {
      return null;
    }
    int colon = text.lastIndexOf(':');
    String host = text.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    InetSocketAddress address =
        new InetSocketAddress(host, Integer.parseInt(text.substring(colon + 1)));
    return address.isUnresolved() ? null : address;
  }

  static String label(PeerPlan peer) {
    return peer.name().isEmpty() ? peer.key() : peer.name();
  }
}
