package dev.cordon.client.agent;

import dev.cordon.policy.conntrack.ConnTracker;
import dev.cordon.policy.conntrack.Direction;
import dev.cordon.policy.conntrack.Timeouts;
import dev.cordon.policy.eval.Decision;
import dev.cordon.tunnel.DropReason;
import dev.cordon.tunnel.PacketPolicy;
import dev.cordon.tunnel.Verdict;
import java.util.function.LongSupplier;

/**
 * The device's own firewall on the tunnel: inbound flows its rules do not allow are dropped, while
 * replies to flows the device started pass. Stateful through a {@link ConnTracker}: the first
 * packet of an inbound flow is judged by {@link InboundRules}, later packets ride on the tracked
 * verdict, and a new table version re-judges tracked inbound flows on their next packet. Outbound
 * packets are never dropped here (routes already limit where they can go); they are tracked so
 * their replies are recognised.
 *
 * <p>Every drop names its reason, counted by the device: {@code malformed_packet}, {@code
 * no_tracked_flow} (a TCP segment that continues a connection nobody opened), {@code deny_rule},
 * {@code time_window}, {@code no_matching_rule}.
 */
public final class InboundFilter implements PacketPolicy {

  public static final DropReason MALFORMED = new DropReason("malformed_packet");
  public static final DropReason NO_TRACKED_FLOW = new DropReason("no_tracked_flow");
  public static final DropReason DENY_RULE = new DropReason("deny_rule");
  public static final DropReason TIME_WINDOW = new DropReason("time_window");
  public static final DropReason NO_MATCHING_RULE = new DropReason("no_matching_rule");

  /** The rule name on verdicts of flows this device started. */
  static final String OWN_FLOW = "outbound";

  private static final int MAX_FLOWS = 16_384;

  private final LongSupplier clockMillis;
  private final ConnTracker tracker;
  private InboundRules rules = InboundRules.NONE;

  public InboundFilter(LongSupplier clockMillis) {
    this.clockMillis = clockMillis;
    this.tracker = new ConnTracker(Timeouts.DEFAULT, MAX_FLOWS, 0);
  }

  /** Installs the rules of table {@code version}; tracked inbound flows are re-judged. */
  public synchronized void update(InboundRules next, long version) {
    rules = next;
    tracker.newTableVersion(version);
  }

  @Override
  public synchronized Verdict inbound(String peer, byte[] packet, int offset, int length) {
    InnerPacket p = InnerPacket.parse(packet, offset, length);
    if (p == null) {
      return Verdict.drop(MALFORMED);
    }
    long now = clockMillis.getAsLong();
    ConnTracker.Hit hit = tracker.lookup(p.key(), now);
    if (hit == null) {
      return firstPacket(p, now);
    }
    Decision decision = hit.entry().decision();
    boolean own = OWN_FLOW.equals(decision.rule());
    if (hit.direction() == Direction.ORIGINAL && hit.stale() && !own) {
      decision = rules.evaluate(p, now);
      tracker.recheck(hit.entry(), decision, tracker.tableVersion());
    }
    if (!decision.allowed()) {
      return Verdict.drop(reason(decision));
    }
    tracker.seen(hit.entry(), hit.direction(), p.tcpFlags(), now);
    return Verdict.ALLOW;
  }

  @Override
  public synchronized Verdict outbound(String peer, byte[] packet, int offset, int length) {
    InnerPacket p = InnerPacket.parse(packet, offset, length);
    if (p == null) {
      return Verdict.ALLOW;
    }
    long now = clockMillis.getAsLong();
    ConnTracker.Hit hit = tracker.lookup(p.key(), now);
    if (hit == null) {
      tracker.track(p.key(), Decision.allow(OWN_FLOW), tracker.tableVersion(), p.tcpFlags(), now);
    } else {
      // A reply to an inbound flow, or more of our own: both directions are accounted.
      tracker.seen(hit.entry(), hit.direction(), p.tcpFlags(), now);
    }
    return Verdict.ALLOW;
  }

  /** Tracked flows, for status and tests. */
  public synchronized int trackedFlows() {
    return tracker.size();
  }

  private Verdict firstPacket(InnerPacket p, long now) {
    if (p.continuesTcp()) {
      return Verdict.drop(NO_TRACKED_FLOW);
    }
    Decision decision = rules.evaluate(p, now);
    if (!decision.allowed()) {
      // Not tracked: a denied flow is judged afresh on every packet, so a rule that starts to
      // allow it takes effect at once.
      return Verdict.drop(reason(decision));
    }
    tracker.track(p.key(), decision, tracker.tableVersion(), p.tcpFlags(), now);
    return Verdict.ALLOW;
  }

  static DropReason reason(Decision decision) {
    return switch (decision.reason()) {
      case EXPLICIT_DENY -> DENY_RULE;
      case OUTSIDE_TIME_WINDOW -> TIME_WINDOW;
      case null, default -> NO_MATCHING_RULE;
    };
  }
}
