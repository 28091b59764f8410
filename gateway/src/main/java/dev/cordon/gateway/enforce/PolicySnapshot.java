package dev.cordon.gateway.enforce;

import dev.cordon.policy.compile.FlowRule;
import dev.cordon.policy.compile.GatewayTable;
import dev.cordon.policy.enforce.FirstPacketEvaluator;
import dev.cordon.policy.eval.Decision;
import dev.cordon.policy.eval.DenyReason;
import dev.cordon.policy.model.IpAddress;
import dev.cordon.policy.model.Service;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.pcollections.PMap;

/**
 * One table version as the first-packet path needs it: the policy module's evaluator, plus the
 * per-peer unmet conditions the proto table carries. A peer with unmet conditions is decided by an
 * evaluator built without the rules it may not use (one per distinct set, built on first use); when
 * that leaves only the default deny, the reason names the skipped rule. Immutable.
 */
public final class PolicySnapshot {
  private final GatewayTable table;
  private final FirstPacketEvaluator evaluator;
  private final List<GatewayPeer> routers;
  private final Map<IpAddress, GatewayPeer> byOverlay;
  private final Map<Set<String>, FirstPacketEvaluator> withoutRules = new ConcurrentHashMap<>();

  /**
   * @param byOverlay every table peer (any status) by overlay address
   * @param routers peers that may originate prefixes besides their overlay address
   */
  public PolicySnapshot(
      GatewayTable table, Map<IpAddress, GatewayPeer> byOverlay, List<GatewayPeer> routers) {
    this(table, FirstPacketEvaluator.of(table), frozen(byOverlay), List.copyOf(routers));
  }

  /**
   * As {@link #PolicySnapshot(GatewayTable, Map, List)}, for a table whose peers are {@code
   * previous}'s with those of the device ids in {@code changedPeers} changed, added or removed: the
   * evaluator shares {@code previous}'s rule indexes when the rule and service lists are the very
   * same, and updates its peer index for the changed peers alone.
   */
  public PolicySnapshot(
      GatewayTable table,
      Map<IpAddress, GatewayPeer> byOverlay,
      List<GatewayPeer> routers,
      PolicySnapshot previous,
      Set<String> changedPeers) {
    this(
        table,
        previous == null
            ? FirstPacketEvaluator.of(table)
            : FirstPacketEvaluator.of(table, previous.evaluator, changedPeers),
        frozen(byOverlay),
        List.copyOf(routers));
  }

  private PolicySnapshot(
      GatewayTable table,
      FirstPacketEvaluator evaluator,
      Map<IpAddress, GatewayPeer> byOverlay,
      List<GatewayPeer> routers) {
    this.table = table;
    this.evaluator = evaluator;
    this.byOverlay = byOverlay;
    this.routers = routers;
  }

  /**
   * The same peers under other rules and services, at {@code version}: the peer maps and the
   * evaluator's peer index are shared with this snapshot, so a rule change costs the rules, not
   * every peer. Decides exactly as a snapshot built from scratch for the same table would.
   */
  public PolicySnapshot withRules(
      long version, boolean relay, List<FlowRule> rules, List<Service> services) {
    GatewayTable next = table.withRules(version, relay, rules, services);
    return new PolicySnapshot(next, FirstPacketEvaluator.of(next, evaluator), byOverlay, routers);
  }

  /** A persistent map is taken as it is (nobody can change it); any other map is copied. */
  private static Map<IpAddress, GatewayPeer> frozen(Map<IpAddress, GatewayPeer> byOverlay) {
    return byOverlay instanceof PMap<IpAddress, GatewayPeer> p ? p : Map.copyOf(byOverlay);
  }

  /** An empty table: every flow is denied. The state before the first snapshot. */
  public static PolicySnapshot empty() {
    return new PolicySnapshot(
        new GatewayTable("", 0, false, Map.of(), List.of(), List.of()), Map.of(), List.of());
  }

  public long version() {
    return table.version();
  }

  public GatewayTable table() {
    return table;
  }

  /** Decides a flow the sender (already identified and source-checked) starts. */
  public Decision decide(
      GatewayPeer sender, long dstHi, long dstLo, int ipProto, int port, long now) {
    IpAddress src = sender.overlay();
    Decision d = evaluator.decide(src.hi(), src.lo(), dstHi, dstLo, ipProto, port, now);
    if (sender.unmet().isEmpty() || !d.allowed() || !sender.unmet().containsKey(d.rule())) {
      return d;
    }
    DenyReason unmet = sender.unmet().get(d.rule());
    Decision narrowed =
        withoutRules
            .computeIfAbsent(sender.unmet().keySet(), this::without)
            .decide(src.hi(), src.lo(), dstHi, dstLo, ipProto, port, now);
    return narrowed.allowed() || narrowed.rule() != null
        ? narrowed
        : Decision.deny(unmet, d.rule());
  }

  /** The peer an address belongs to (overlay or originated prefix), any status, or null. */
  public GatewayPeer owner(long hi, long lo) {
    GatewayPeer p = byOverlay.get(new IpAddress(hi, lo, isV4Mapped(hi, lo)));
    if (p != null) return p;
    for (GatewayPeer r : routers) if (r.maySend(hi, lo)) return r;
    return null;
  }

  private static boolean isV4Mapped(long hi, long lo) {
    return hi == 0 && (lo >>> 32) == 0xffffL;
  }

  private FirstPacketEvaluator without(Set<String> rules) {
    List<FlowRule> kept = table.rules().stream().filter(r -> !rules.contains(r.rule())).toList();
    return FirstPacketEvaluator.of(
        new GatewayTable(
            table.gateway(),
            table.version(),
            table.relay(),
            table.peers(),
            kept,
            table.services()));
  }
}
