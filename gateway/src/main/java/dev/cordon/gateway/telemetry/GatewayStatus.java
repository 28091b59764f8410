package dev.cordon.gateway.telemetry;

import dev.cordon.gateway.enforce.DropReason;
import dev.cordon.gateway.table.LatencyHistogram;
import java.util.List;
import java.util.Map;

/**
 * The gateway at one instant, as status output, metrics and health read it. {@code drops} are the
 * enforcer's reasons; {@code tunnelDrops} the tunnel's own, by its lower-case names (refused
 * handshakes, unknown receiver indexes, replays, no route...).
 */
public record GatewayStatus(
    long tableVersion,
    boolean connected,
    long failStaticRemainingMillis,
    int flows,
    long applyP50Micros,
    long applyP99Micros,
    long applyMaxMicros,
    Map<DropReason, Long> drops,
    Map<String, Long> tunnelDrops,
    List<Peer> peers,
    LatencyHistogram.Snapshot enforcement) {

  public GatewayStatus {
    drops = Map.copyOf(drops);
    tunnelDrops = java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(tunnelDrops));
    peers = List.copyOf(peers);
  }

  /**
   * One peer; {@code handshakeAgeMillis} is -1 when unknown or never. Packets and drops are the
   * enforcer's; bytes are the tunnel's (whole datagrams, as {@code wg show} counts them).
   */
  public record Peer(
      String deviceId,
      String status,
      long handshakeAgeMillis,
      long packetsIn,
      long packetsOut,
      long drops,
      long rxBytes,
      long txBytes) {}

  /** Healthy: a table is held and may still decide new flows. */
  public boolean healthy() {
    return tableVersion > 0 && (connected || failStaticRemainingMillis > 0);
  }
}
