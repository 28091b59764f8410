package dev.cordon.gateway.table;

import dev.cordon.gateway.enforce.GatewayPeer;
import dev.cordon.gateway.enforce.PeerKey;
import dev.cordon.gateway.enforce.PeerSlot;
import dev.cordon.gateway.enforce.PolicySnapshot;
import dev.cordon.policy.compile.AuthorizedPeer;
import dev.cordon.policy.compile.FlowRule;
import dev.cordon.policy.compile.GatewayTable;
import dev.cordon.policy.model.IpAddress;
import dev.cordon.policy.model.Posture;
import dev.cordon.policy.model.Service;
import dev.cordon.policy.registry.DeviceStatus;
import dev.cordon.proto.v1.GatewayTableDelta;
import dev.cordon.proto.v1.GatewayTableUpdate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.pcollections.HashTreePMap;
import org.pcollections.PMap;
import org.pcollections.TreePMap;

/**
 * The table this gateway holds. Updates are validated in full before anything changes; a delta then
 * touches only the entries it names. Each applied update yields the device operations it needs (in
 * order: removals, then changes, then additions) and a fresh {@link PolicySnapshot} (the evaluator
 * itself is rebuilt from the held maps: it is immutable by design). Single writer: the sync
 * client's thread.
 */
public final class GatewayTableState {
  private final String gateway;
  private long version;
  private final Map<PeerKey, GatewayPeer> peers = new HashMap<>();
  private final Map<PeerKey, PeerSlot> slots = new HashMap<>();
  private final LinkedHashMap<String, dev.cordon.proto.v1.FlowRule> rules = new LinkedHashMap<>();

  // Kept as peers change, so a snapshot never walks every peer: authorized peers by device id,
  // every peer by overlay address, and the peers that may originate other prefixes. The first two
  // are persistent maps: each snapshot takes them as they are, and the next change makes new
  // versions that share every untouched entry, so snapshots cost the change, not the fleet.
  private TreePMap<String, AuthorizedPeer> authorized = TreePMap.empty();
  private PMap<IpAddress, GatewayPeer> byOverlay = HashTreePMap.empty();
  private final Map<PeerKey, GatewayPeer> routers = new LinkedHashMap<>();

  /**
   * The last snapshot made, and what changed since: an unchanged side (peers or rules) is shared
   * with it instead of being built again.
   */
  private PolicySnapshot last;

  private boolean peersChanged = true;
  private boolean rulesChanged = true;

  /**
   * The device ids whose entries changed since the last snapshot (a snapshot: everything). A new
   * set after each snapshot: a cleared one keeps the capacity a full snapshot gave it, and walking
   * or clearing it would cost the fleet again.
   */
  private Set<String> changedIds = new HashSet<>();

  public GatewayTableState(String gateway) {
    this.gateway = gateway;
  }

  /** The version held, 0 before the first snapshot. */
  public long version() {
    return version;
  }

  /** The slot the device holds for an authorized key, or null. */
  public PeerSlot slot(PeerKey key) {
    return slots.get(key);
  }

  public Map<PeerKey, PeerSlot> slots() {
    return Map.copyOf(slots);
  }

  public Applied apply(GatewayTableUpdate u) throws TableException, ResyncNeeded {
    return switch (u.getUpdateCase()) {
      case SNAPSHOT -> applySnapshot(u.getSnapshot());
      case DELTA -> applyDelta(u.getDelta());
      default -> throw new TableException("an update with neither snapshot nor delta");
    };
  }

  public Applied applySnapshot(dev.cordon.proto.v1.GatewayTable t) throws TableException {
    if (t.getVersion() == 0) throw new TableException("a snapshot without a version");
    Map<PeerKey, GatewayPeer> next = new HashMap<>();
    for (var p : t.getPeersList()) {
      GatewayPeer g = TableMapper.peer(p);
      if (next.put(g.key(), g) != null) throw new TableException("key listed twice: " + g.key());
    }
    LinkedHashMap<String, dev.cordon.proto.v1.FlowRule> nextRules = new LinkedHashMap<>();
    for (var r : t.getRulesList()) nextRules.put(r.getRuleId(), TableMapper.validated(r));
    List<PeerOp> ops = new ArrayList<>();
    List<GatewayPeer> cut = new ArrayList<>();
    for (GatewayPeer old : List.copyOf(peers.values())) {
      if (!next.containsKey(old.key())) change(old.key(), null, ops, cut);
    }
    for (GatewayPeer p : next.values()) change(p.key(), p, ops, cut);
    rules.clear();
    rules.putAll(nextRules);
    rulesChanged = true;
    version = t.getVersion();
    return new Applied(version, snapshot(), ordered(ops), cut, Set.of());
  }

  public Applied applyDelta(GatewayTableDelta d) throws TableException, ResyncNeeded {
    if (d.getFromVersion() != version || version == 0) {
      throw new ResyncNeeded(version, d.getFromVersion());
    }
    if (d.getToVersion() <= d.getFromVersion()) {
      throw new TableException("a delta to version " + d.getToVersion() + " goes backwards");
    }
    List<PeerKey> removed = new ArrayList<>();
    for (var k : d.getRemovedPeerKeysList()) removed.add(key(k.toByteArray()));
    Set<PeerKey> revoked = new HashSet<>();
    for (var k : d.getRevokedPeerKeysList()) revoked.add(key(k.toByteArray()));
    List<GatewayPeer> changed = new ArrayList<>();
    for (var p : d.getChangedPeersList()) changed.add(TableMapper.peer(p));
    for (var p : d.getAddedPeersList()) changed.add(TableMapper.peer(p));
    List<dev.cordon.proto.v1.FlowRule> newRules = new ArrayList<>();
    for (var r : d.getChangedRulesList()) newRules.add(TableMapper.validated(r));
    for (var r : d.getAddedRulesList()) newRules.add(TableMapper.validated(r));

    List<PeerOp> ops = new ArrayList<>();
    List<GatewayPeer> cut = new ArrayList<>();
    for (PeerKey k : removed) change(k, null, ops, cut);
    for (GatewayPeer p : changed) change(p.key(), p, ops, cut);
    for (String id : d.getRemovedRuleIdsList()) rulesChanged |= rules.remove(id) != null;
    for (var r : newRules) rules.put(r.getRuleId(), r);
    rulesChanged |= !newRules.isEmpty();
    version = d.getToVersion();
    return new Applied(version, snapshot(), ordered(ops), cut, revoked);
  }

  private static PeerKey key(byte[] b) throws TableException {
    try {
      return new PeerKey(b);
    } catch (IllegalArgumentException e) {
      throw new TableException("a removed key is not 32 bytes", e);
    }
  }

  /**
   * Moves one key from its old entry to {@code after} (null: gone) and records what the device must
   * do. Leaving authorization destroys sessions and cuts flows. Entering quarantine cuts flows
   * (each is re-checked under the quarantine reach before the ack) but keeps the session: every
   * later packet is decided under the new status anyway, and a stock WireGuard peer whose session
   * vanished would stay dark until its own retry timer (15 s or more), even toward the reach.
   */
  private void change(PeerKey key, GatewayPeer after, List<PeerOp> ops, List<GatewayPeer> cut) {
    peersChanged = true;
    GatewayPeer before = after == null ? peers.remove(key) : peers.put(key, after);
    unindex(before);
    index(after);
    if (before != null) changedIds.add(before.deviceId());
    if (after != null) changedIds.add(after.deviceId());
    boolean was = before != null && before.status().authorized();
    boolean is = after != null && after.status().authorized();
    boolean quarantined =
        was
            && is
            && before.status() != DeviceStatus.QUARANTINED
            && after.status() == DeviceStatus.QUARANTINED;
    if (was && !is) {
      slots.remove(key).set(null);
      ops.add(new PeerOp.Remove(key));
      cut.add(before);
    }
    if (is && !was) {
      PeerSlot slot = new PeerSlot(after);
      slots.put(key, slot);
      ops.add(new PeerOp.Add(slot, AllowedIps.of(after)));
    } else if (is) {
      PeerSlot slot = slots.get(key);
      slot.set(after);
      if (quarantined) cut.add(before);
      if (!Objects.equals(AllowedIps.of(before), AllowedIps.of(after))) {
        ops.add(new PeerOp.Update(slot, AllowedIps.of(after)));
      }
    }
  }

  /** Removals first, so an overlay route a removed peer held is free before another takes it. */
  private static List<PeerOp> ordered(List<PeerOp> ops) {
    List<PeerOp> out = new ArrayList<>();
    for (PeerOp op : ops) if (op instanceof PeerOp.Remove) out.add(op);
    for (PeerOp op : ops) if (!(op instanceof PeerOp.Remove)) out.add(op);
    return out;
  }

  private void unindex(GatewayPeer p) {
    if (p == null) return;
    if (p.equals(byOverlay.get(p.overlay()))) byOverlay = byOverlay.minus(p.overlay());
    routers.remove(p.key());
    if (p.status().authorized()) authorized = authorized.minus(p.deviceId());
  }

  private void index(GatewayPeer p) {
    if (p == null) return;
    byOverlay = byOverlay.plus(p.overlay(), p);
    if (!p.sourcePrefixes().isEmpty()) routers.put(p.key(), p);
    if (p.status().authorized()) authorized = authorized.plus(p.deviceId(), authorizedPeer(p));
  }

  /**
   * The policy for the table now held, sharing with the last snapshot whatever side did not change:
   * after a rule-only update its peer maps and index, after a peer-only update its rule indexes.
   */
  private PolicySnapshot snapshot() {
    List<FlowRule> flowRules;
    List<Service> services;
    boolean relay;
    if (rulesChanged || last == null) {
      flowRules = new ArrayList<>();
      List<Service> named = new ArrayList<>();
      boolean segmentRule = false;
      int order = 0;
      for (var r : rules.values()) {
        TableMapper.rules(r, order++, gateway, flowRules, named);
        segmentRule |= r.getToSegmentsCount() > 0;
      }
      services = TableMapper.distinct(named);
      relay = segmentRule;
    } else {
      flowRules = last.table().rules();
      services = last.table().services();
      relay = last.table().relay();
    }
    if (!peersChanged && last != null) {
      last = last.withRules(version, relay, flowRules, services);
    } else {
      GatewayTable table =
          new GatewayTable(gateway, version, relay, authorized, flowRules, services);
      last = new PolicySnapshot(table, byOverlay, List.copyOf(routers.values()), last, changedIds);
    }
    peersChanged = false;
    rulesChanged = false;
    changedIds = new HashSet<>();
    return last;
  }

  private static AuthorizedPeer authorizedPeer(GatewayPeer p) {
    return new AuthorizedPeer(
        p.deviceId(),
        p.deviceId(),
        p.key().bytes(),
        p.overlay(),
        p.segments(),
        p.status(),
        Posture.UNKNOWN,
        null);
  }
}
