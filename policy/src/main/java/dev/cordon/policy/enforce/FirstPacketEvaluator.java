package dev.cordon.policy.enforce;

import dev.cordon.policy.compile.AuthorizedPeer;
import dev.cordon.policy.compile.FlowRule;
import dev.cordon.policy.compile.GatewayTable;
import dev.cordon.policy.eval.ConditionCheck;
import dev.cordon.policy.eval.Decision;
import dev.cordon.policy.eval.DenyReason;
import dev.cordon.policy.eval.PolicyEvaluator;
import dev.cordon.policy.model.Action;
import dev.cordon.policy.model.IpAddress;
import dev.cordon.policy.model.IpPrefix;
import dev.cordon.policy.model.Service;
import dev.cordon.policy.registry.DeviceStatus;
import java.util.ArrayList;
import java.util.List;

/**
 * Decides the first packet of a flow at a gateway, in the order the package docs and README give:
 * the sender must be an authorized peer, then every matching rule is weighed (deny wins, then the
 * first allow in document order), then the default-deny reasons. Immutable; build a new one for
 * each table version. {@link #decide} allocates nothing besides what a time-window check needs.
 */
public final class FirstPacketEvaluator {
  private static final Decision UNKNOWN_SOURCE = Decision.defaultDeny(DenyReason.UNKNOWN_SOURCE);
  private static final Decision UNKNOWN_DESTINATION =
      Decision.defaultDeny(DenyReason.UNKNOWN_DESTINATION);
  private static final Decision NO_MATCHING_RULE =
      Decision.defaultDeny(DenyReason.NO_MATCHING_RULE);
  private static final Decision QUARANTINED = Decision.defaultDeny(DenyReason.QUARANTINED);

  private final long version;
  private final boolean relay;
  private final RuleSide rulesSide;
  private final java.util.Map<String, AuthorizedPeer> indexed;
  private final SegmentMasks segments;
  private final PeerIndex peers;
  private final DestinationIndex destinations;
  private final FlowRule[] rules;
  private final long[][] fromMasks;
  private final long[][] toMasks;
  private final int[] segmentRules;
  private final Decision[] allows;
  private final Decision[] denies;
  private final Decision[][] failures;

  private FirstPacketEvaluator(
      GatewayTable table, FirstPacketEvaluator previous, java.util.Set<String> changedPeers) {
    version = table.version();
    relay = table.relay();
    rulesSide =
        previous != null && previous.rulesSide.builtFrom(table)
            ? previous.rulesSide
            : new RuleSide(table);
    segments = rulesSide.segments;
    indexed = table.peers();
    boolean numbered = previous != null && previous.segments.sameNumbering(segments);
    if (numbered && previous.indexed == indexed) {
      peers = previous.peers;
    } else if (numbered && changedPeers != null) {
      peers = previous.peers.with(changedPeers, previous.indexed, indexed, segments);
    } else {
      peers = new PeerIndex(indexed.values(), segments);
    }
    destinations = rulesSide.destinations;
    rules = rulesSide.rules;
    fromMasks = rulesSide.fromMasks;
    toMasks = rulesSide.toMasks;
    segmentRules = rulesSide.segmentRules;
    allows = rulesSide.allows;
    denies = rulesSide.denies;
    failures = rulesSide.failures;
  }

  /**
   * Everything derived from a table's rules and services alone; shared by the evaluators of later
   * tables that hold the very same rule and service lists (a peer-only change).
   */
  private static final class RuleSide {
    final List<FlowRule> rulesSource;
    final List<Service> servicesSource;
    final SegmentMasks segments = new SegmentMasks();
    final DestinationIndex destinations;
    final FlowRule[] rules;
    final long[][] fromMasks;
    final long[][] toMasks;
    final int[] segmentRules;
    final Decision[] allows;
    final Decision[] denies;
    final Decision[][] failures;

    RuleSide(GatewayTable table) {
      rulesSource = table.rules();
      servicesSource = table.services();
      for (FlowRule r : table.rules()) {
        segments.add(r.from());
        if (r.target() instanceof FlowRule.SegmentTarget(var to)) segments.add(to);
      }
      rules = table.rules().toArray(FlowRule[]::new);
      fromMasks = new long[rules.length][];
      toMasks = new long[rules.length][];
      allows = new Decision[rules.length];
      denies = new Decision[rules.length];
      failures = new Decision[rules.length][DenyReason.values().length];
      List<IpPrefix> rulePrefixes = new ArrayList<>();
      List<Integer> bySegment = new ArrayList<>();
      for (int i = 0; i < rules.length; i++) {
        FlowRule r = rules[i];
        fromMasks[i] = segments.mask(r.from());
        allows[i] = Decision.allow(r.rule());
        denies[i] = Decision.deny(DenyReason.EXPLICIT_DENY, r.rule());
        for (DenyReason reason : DenyReason.values()) {
          failures[i][reason.ordinal()] = Decision.deny(reason, r.rule());
        }
        switch (r.target()) {
          case FlowRule.ServiceTarget t -> rulePrefixes.add(t.prefix());
          case FlowRule.SegmentTarget(var to) -> {
            rulePrefixes.add(null);
            toMasks[i] = segments.mask(to);
            bySegment.add(i);
          }
        }
      }
      segmentRules = bySegment.stream().mapToInt(Integer::intValue).toArray();
      destinations =
          new DestinationIndex(
              rulePrefixes, table.services().stream().map(Service::prefix).toList());
    }

    /** Whether {@code table} holds the very rule and service lists this was built from. */
    boolean builtFrom(GatewayTable table) {
      return table.rules() == rulesSource && table.services() == servicesSource;
    }
  }

  public static FirstPacketEvaluator of(GatewayTable table) {
    return new FirstPacketEvaluator(table, null, null);
  }

  /**
   * An evaluator for {@code table} that reuses what it can of {@code previous}: its index of peers
   * when {@code table} holds the very same peers map (a table made by {@link
   * GatewayTable#withRules}) and its rules number segments as {@code previous}'s did, and its rule
   * indexes when {@code table} holds the very same rule and service lists (a peer-only change). A
   * rule change then costs the rules, and a peer change the peers. Decides exactly as {@link
   * #of(GatewayTable)} does.
   */
  public static FirstPacketEvaluator of(GatewayTable table, FirstPacketEvaluator previous) {
    return new FirstPacketEvaluator(table, previous, null);
  }

  /**
   * As {@link #of(GatewayTable, FirstPacketEvaluator)}, where {@code table}'s peers are {@code
   * previous}'s with exactly the peers of the device ids in {@code changedPeers} changed, added or
   * removed: the peer index is then updated for those alone (a revocation costs a search and one
   * copy of the index's arrays, not a sort of every peer).
   */
  public static FirstPacketEvaluator of(
      GatewayTable table, FirstPacketEvaluator previous, java.util.Set<String> changedPeers) {
    return new FirstPacketEvaluator(table, previous, changedPeers);
  }

  /** Whether both decide with one index of peers (for tests of reuse). */
  boolean sharesPeerIndexWith(FirstPacketEvaluator other) {
    return peers == other.peers;
  }

  /** Whether both decide with one set of rule indexes (for tests of reuse). */
  boolean sharesRulesWith(FirstPacketEvaluator other) {
    return rulesSide == other.rulesSide;
  }

  /** The table version this evaluator decides for; stamp conntrack entries with it. */
  public long version() {
    return version;
  }

  public Decision decide(IpAddress src, IpAddress dst, int ipProto, int port, long epochMillis) {
    return decide(src.hi(), src.lo(), dst.hi(), dst.lo(), ipProto, port, epochMillis);
  }

  /** Decides a flow from inner source to destination; port is the destination port (0 for ICMP). */
  public Decision decide(
      long srcHi, long srcLo, long dstHi, long dstLo, int ipProto, int port, long epochMillis) {
    int src = peers.find(srcHi, srcLo);
    if (src < 0) return UNKNOWN_SOURCE;
    AuthorizedPeer sender = peers.peer(src);
    long[] srcMask = peers.mask(src);
    boolean quarantined = sender.status() == DeviceStatus.QUARANTINED;
    int slot = destinations.slot(dstHi, dstLo);
    int dst = relay ? peers.find(dstHi, dstLo) : -1;

    int deny = -1, allow = -1, failed = -1;
    DenyReason failure = null;
    int[] candidates = destinations.rules(slot);
    int total = candidates.length + (dst >= 0 ? segmentRules.length : 0);
    for (int c = 0; c < total; c++) {
      int i = c < candidates.length ? candidates[c] : segmentRules[c - candidates.length];
      FlowRule r = rules[i];
      if (!matches(i, r, srcMask, quarantined, dst, ipProto, port)) continue;
      DenyReason f =
          ConditionCheck.firstFailure(r.conditions(), sender.posture(), sender.site(), epochMillis);
      if (r.action() == Action.DENY) {
        if (f == null && earlier(i, deny)) deny = i;
      } else if (f == null) {
        if (earlier(i, allow)) allow = i;
      } else if (earlier(i, failed)) {
        failed = i;
        failure = f;
      }
    }
    if (deny >= 0) return denies[deny];
    if (allow >= 0) return allows[allow];
    if (quarantined) return QUARANTINED;
    if (failed >= 0) return failures[failed][failure.ordinal()];
    if (!destinations.known(slot) && dst < 0) return UNKNOWN_DESTINATION;
    return NO_MATCHING_RULE;
  }

  private boolean earlier(int i, int current) {
    return current < 0 || rules[i].order() < rules[current].order();
  }

  private boolean matches(
      int i, FlowRule r, long[] srcMask, boolean quarantined, int dst, int ipProto, int port) {
    boolean from =
        r.fromAny()
            ? r.action() == Action.DENY || !quarantined
            : SegmentMasks.intersects(fromMasks[i], srcMask);
    if (!from || !PolicyEvaluator.flowMatches(r.protocol(), r.ports(), ipProto, port)) return false;
    return switch (r.target()) {
      case FlowRule.ServiceTarget t ->
          PolicyEvaluator.flowMatches(t.protocol(), t.ports(), ipProto, port);
      case FlowRule.SegmentTarget s ->
          dst >= 0 && SegmentMasks.intersects(toMasks[i], peers.mask(dst));
    };
  }
}
