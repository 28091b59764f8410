package dev.cordon.client.agent;

import dev.cordon.client.identity.DeviceIdentity;
import dev.cordon.proto.v1.DeviceStatus;
import dev.cordon.proto.v1.DeviceTable;
import dev.cordon.tunnel.PeerStatus;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Builds the {@link AgentStatus} of the moment from the agent's state and the tunnel's counters.
 */
final class AgentStatusSnapshot {

  private AgentStatusSnapshot() {}

  static AgentStatus of(
      DeviceIdentity identity,
      String interfaceName,
      CertificateRenewal.Validity validity,
      String link,
      TableSync sync,
      Instant postureReportedAt,
      Tunnel tunnel,
      Instant now) {
    DeviceTable table = sync.table();
    Map<String, PeerStatus> counters =
        tunnel.peers().stream().collect(Collectors.toMap(PeerStatus::peer, Function.identity()));
    List<AgentStatus.Peer> peers = new ArrayList<>();
    for (PeerPlan plan : sync.plan().peers().values()) {
      PeerStatus c = counters.get(plan.key());
      peers.add(
          new AgentStatus.Peer(
              plan.key(),
              plan.name(),
              c == null || c.endpoint() == null ? plan.endpoint() : address(c.endpoint()),
              c == null ? null : c.lastHandshake(),
              c == null ? 0 : c.rxBytes(),
              c == null ? 0 : c.txBytes(),
              plan.allowedPrefixes()));
    }
    return new AgentStatus(
        ProcessHandle.current().pid(),
        now,
        interfaceName,
        identity.deviceId(),
        identity.spiffeId(),
        validity.notAfter(),
        link,
        table == null ? "unknown" : status(table.getStatus()),
        sync.knownVersion(),
        table == null ? 0 : table.getPolicyVersion(),
        postureReportedAt,
        peers,
        tunnel.drops());
  }

  static String status(DeviceStatus status) {
    return switch (status) {
      case DEVICE_STATUS_ACTIVE -> "active";
      case DEVICE_STATUS_PENDING -> "pending";
      case DEVICE_STATUS_QUARANTINED -> "quarantined";
      case DEVICE_STATUS_REVOKED -> "revoked";
      default -> "unknown";
    };
  }

  private static String address(InetSocketAddress endpoint) {
    String host = endpoint.getAddress().getHostAddress();
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + endpoint.getPort();
  }
}
