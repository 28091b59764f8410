package dev.cordon.gateway.enforce;

import dev.cordon.gateway.packet.IpHeaders;
import dev.cordon.gateway.packet.PacketParser;
import dev.cordon.policy.conntrack.ConnEntry;
import dev.cordon.policy.conntrack.ConnTracker;
import dev.cordon.policy.conntrack.Direction;
import dev.cordon.policy.conntrack.FlowKey;
import dev.cordon.policy.conntrack.Timeouts;
import dev.cordon.policy.eval.Decision;
import dev.cordon.policy.eval.DenyReason;
import dev.cordon.policy.registry.DeviceStatus;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The packet path's decisions, in evaluation order. For a packet from a peer (outside):
 *
 * <ol>
 *   <li>parse the inner headers, else {@code MALFORMED};
 *   <li>the sender must still be in the table and neither revoked nor pending;
 *   <li>cryptokey routing: the inner source must be the sender's overlay address or a prefix it may
 *       originate, else {@code SPOOFED_SOURCE} (before anything else can pass it);
 *   <li>connection tracker: a hit in either direction passes under its cached verdict, re-checked
 *       first when that verdict predates the current table version;
 *   <li>a miss while the table is no longer trusted (fail-static bound passed) is {@code
 *       STALE_TABLE};
 *   <li>first-packet policy (deny rules win); an allow is tracked, stamped with the version.
 * </ol>
 *
 * A packet from the protected networks (inside) passes only as the reply of a tracked, allowed
 * flow, else {@code NO_TRACKED_FLOW}: protected hosts never start flows toward devices.
 *
 * <p>Methods return null to pass a packet, or the reason it was dropped (already counted). The
 * tracker is guarded by this object's lock; policy decisions run outside it.
 */
public final class Enforcer {
  private final ConnTracker tracker;
  private final DropCounters drops;
  private final Freshness freshness;
  private final FlowObserver observer;
  private volatile PolicySnapshot policy;

  public Enforcer(
      PolicySnapshot policy,
      int maxFlows,
      DropCounters drops,
      Freshness freshness,
      FlowObserver observer) {
    this.policy = policy;
    this.tracker = new ConnTracker(Timeouts.DEFAULT, maxFlows, policy.version());
    this.drops = drops;
    this.freshness = freshness;
    this.observer = observer;
  }

  public PolicySnapshot policy() {
    return policy;
  }

  public DropCounters drops() {
    return drops;
  }

  /** Decides a decrypted packet from {@code from}; {@code h} is the caller's scratch holder. */
  public DropReason outside(PeerSlot from, byte[] buf, int off, int len, IpHeaders h, long now) {
    from.packetsIn.increment();
    from.bytesIn.add(len);
    DropReason r = outsideVerdict(from.current(), buf, off, len, h, now);
    if (r != null) {
      from.drops.increment();
      drops.count(r);
    }
    return r;
  }

  private DropReason outsideVerdict(
      GatewayPeer sender, byte[] buf, int off, int len, IpHeaders h, long now) {
    if (!PacketParser.parse(buf, off, len, h)) return DropReason.MALFORMED;
    if (sender == null) return DropReason.UNKNOWN_PEER;
    if (sender.status() == DeviceStatus.REVOKED) return DropReason.REVOKED;
    if (sender.status() == DeviceStatus.PENDING) return DropReason.PENDING_APPROVAL;
    if (!sender.maySend(h.srcHi(), h.srcLo())) return DropReason.SPOOFED_SOURCE;
    FlowKey key = keyOf(h);
    PolicySnapshot p = policy;
    DropReason tracked = tracked(key, h, p, now, false);
    if (tracked != MISS) return tracked;
    if (!freshness.trusted(now)) return DropReason.STALE_TABLE;
    Decision d = p.decide(sender, h.dstHi(), h.dstLo(), h.ipProto(), h.policyPort(), now);
    if (!d.allowed()) {
      observer.denied(key, sender, d, now);
      return DropReason.of(d.reason());
    }
    ConnEntry e;
    synchronized (this) {
      e = tracker.track(key, d, p.version(), h.tcpFlags(), now);
    }
    observer.started(e, sender, p.version(), now);
    observer.packet(e, false, h.length(), now);
    return null;
  }

  /** Decides a packet read from the TUN interface, headed for a device. */
  public DropReason inside(byte[] buf, int off, int len, IpHeaders h, long now) {
    DropReason r;
    if (!PacketParser.parse(buf, off, len, h)) r = DropReason.MALFORMED;
    else {
      r = tracked(keyOf(h), h, policy, now, true);
      if (r == MISS) r = DropReason.NO_TRACKED_FLOW;
    }
    if (r != null) drops.count(r);
    return r;
  }

  /** Counts a packet toward a device after it passed (for per-device counters). */
  public void sentTo(PeerSlot to, int len) {
    to.packetsOut.increment();
    to.bytesOut.add(len);
  }

  // The tracker's "no entry" answer: UNKNOWN_PEER is decided before the tracker is consulted,
  // so the tracker can never mean it.
  private static final DropReason MISS = DropReason.UNKNOWN_PEER;

  /**
   * The tracker's answer: null (pass), a drop reason, or MISS. A stale hit is re-decided under the
   * current table; one now denied is cut (removed) so its next packet is decided afresh.
   */
  private DropReason tracked(FlowKey key, IpHeaders h, PolicySnapshot p, long now, boolean inside) {
    ConnTracker.Hit hit;
    synchronized (this) {
      hit = tracker.lookup(key, now);
    }
    if (hit == null) return MISS;
    if (inside && hit.direction() != Direction.REPLY) return DropReason.NO_TRACKED_FLOW;
    ConnEntry e = hit.entry();
    if (hit.stale()) {
      Decision d = recheck(e.key(), p, now);
      synchronized (this) {
        if (!d.allowed()) {
          tracker.remove(e.key());
        } else {
          tracker.recheck(e, d, p.version());
        }
      }
      if (!d.allowed()) {
        observer.cut(e, d, now);
        return DropReason.of(d.reason());
      }
    }
    synchronized (this) {
      tracker.seen(e, hit.direction(), h.tcpFlags(), now);
    }
    observer.packet(e, hit.direction() == Direction.REPLY, h.length(), now);
    return null;
  }

  /** The verdict the current table gives a tracked flow, from its original direction. */
  private static Decision recheck(FlowKey k, PolicySnapshot p, long now) {
    GatewayPeer sender = p.owner(k.srcHi(), k.srcLo());
    if (sender == null || !sender.status().authorized()) {
      return Decision.defaultDeny(
          sender == null
              ? DenyReason.UNKNOWN_SOURCE
              : sender.status() == DeviceStatus.REVOKED
                  ? DenyReason.REVOKED
                  : DenyReason.PENDING_APPROVAL);
    }
    int port = k.ipProto() == 6 || k.ipProto() == 17 ? k.dstPort() : 0;
    return p.decide(sender, k.dstHi(), k.dstLo(), k.ipProto(), port, now);
  }

  /**
   * Installs a new table version. Flows to or from the {@code cut} peers (revoked, removed,
   * quarantined) are re-checked now and removed if denied, so they stop before the version is
   * acknowledged; every other flow is re-checked at its next packet. Returns how many were cut.
   */
  public int install(PolicySnapshot next, Collection<GatewayPeer> cut, long now) {
    policy = next;
    int n = 0;
    synchronized (this) {
      tracker.newTableVersion(next.version());
      if (cut.isEmpty()) return 0;
      for (ConnEntry e : flowsOf(cut)) {
        FlowKey k = e.key();
        if (!involves(cut, k)) continue;
        Decision d = recheck(k, next, now);
        if (d.allowed()) {
          tracker.recheck(e, d, next.version());
        } else {
          tracker.remove(k);
          observer.cut(e, d, now);
          n++;
        }
      }
    }
    return n;
  }

  /**
   * The tracked flows that may involve {@code peers}: found by their overlay addresses when none of
   * them originates other prefixes (the rule: devices), else every flow.
   */
  private Collection<ConnEntry> flowsOf(Collection<GatewayPeer> peers) {
    for (GatewayPeer p : peers) if (!p.sourcePrefixes().isEmpty()) return tracker.stale();
    Set<ConnEntry> flows = new LinkedHashSet<>();
    for (GatewayPeer p : peers) flows.addAll(tracker.involving(p.overlay().hi(), p.overlay().lo()));
    return flows;
  }

  private static boolean involves(Collection<GatewayPeer> peers, FlowKey k) {
    for (GatewayPeer p : peers) {
      if (p.owns(k.srcHi(), k.srcLo()) || p.owns(k.dstHi(), k.dstLo())) return true;
    }
    return false;
  }

  /** Drops expired flows; call from a timer. */
  public synchronized int expire(long now) {
    return tracker.expire(now);
  }

  public synchronized int flows() {
    return tracker.size();
  }

  private static FlowKey keyOf(IpHeaders h) {
    return new FlowKey(
        h.ipProto(), h.srcHi(), h.srcLo(), h.dstHi(), h.dstLo(), h.srcPort(), h.dstPort());
  }
}
