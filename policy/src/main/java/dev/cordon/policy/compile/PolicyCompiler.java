package dev.cordon.policy.compile;

import dev.cordon.policy.eval.Membership;
import dev.cordon.policy.model.Gateway;
import dev.cordon.policy.model.IpPrefix;
import dev.cordon.policy.model.PolicyDocument;
import dev.cordon.policy.model.Quarantine;
import dev.cordon.policy.model.Service;
import dev.cordon.policy.registry.DeviceRecord;
import dev.cordon.policy.registry.DeviceStatus;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Holds one document's compiled tables and keeps them current as devices change. A device's change
 * recomputes that device's tables and peer entries, plus (only when its segments, address or
 * authorization changed) those of devices it may exchange device-to-device flows with.
 *
 * <p>Revoked and pending devices (and devices without an overlay address) are never authorized
 * peers; a quarantined device is a peer only as a member of the quarantine segment. Not thread
 * safe: the controller serializes changes, and readers take the immutable snapshots.
 */
public final class PolicyCompiler {
  private final PolicyDocument doc;
  private final Reach reach;
  private final Map<String, List<FlowRule>> rules;
  private final Map<String, List<Service>> servicesBehind = new LinkedHashMap<>();
  private final String relay;

  // Not final: recompile hands them from one compiler to the next instead of copying them.
  private Map<String, DeviceRecord> devices = new HashMap<>();
  private Map<String, Set<String>> keysOf = new HashMap<>();
  private Map<String, Set<String>> members = new HashMap<>();
  private Map<String, DeviceTable> deviceTables = new HashMap<>();
  private Map<String, TreeMap<String, AuthorizedPeer>> peers = new LinkedHashMap<>();
  private final Map<String, Long> gatewayVersions = new HashMap<>();
  private long version;
  private boolean keptDevices;

  /** Set once {@link #recompile} has taken this compiler's state over: it must not be used. */
  private boolean handedOver;

  private PolicyCompiler(PolicyDocument doc, long version) {
    this.doc = doc;
    this.version = version;
    this.reach = new Reach(doc);
    this.rules = RuleCompiler.compile(doc);
    this.relay = doc.relay().map(Gateway::name).orElse(null);
    for (Gateway g : doc.gateways()) {
      servicesBehind.put(g.name(), new ArrayList<>());
      peers.put(g.name(), new TreeMap<>());
      gatewayVersions.put(g.name(), version);
    }
    for (Service s : doc.services()) {
      List<Service> l = servicesBehind.get(s.gateway());
      if (l != null) l.add(s);
    }
  }

  /** Compiles everything at version 1. */
  public static PolicyCompiler compile(PolicyDocument doc, Collection<DeviceRecord> registry) {
    return compile(doc, registry, 1);
  }

  /**
   * Compiles everything at {@code version}; a controller applying a new document passes a version
   * above the previous compiler's so gateways see versions only grow (diff the old and new tables
   * with {@link GatewayDelta#between}).
   */
  public static PolicyCompiler compile(
      PolicyDocument doc, Collection<DeviceRecord> registry, long version) {
    PolicyCompiler c = new PolicyCompiler(doc, version);
    for (DeviceRecord d : registry) c.index(d);
    for (String id : c.devices.keySet()) c.recompute(id, false);
    return c;
  }

  /**
   * Compiles {@code doc} for the devices {@code previous} holds, at {@code version}, taking {@code
   * previous}'s state over: {@code previous} must not be used afterwards (it throws). The tables
   * are those {@link #compile(PolicyDocument, Collection, long)} of that registry gives. When the
   * new document places and routes every device as the previous one did (same gateways, segments,
   * quarantine and reach, as when only ports, conditions or deny rules change), the device tables
   * and peer entries are taken over as they are, so a rule change costs the rules, not every
   * device; those device tables keep their versions, since their content did not change.
   */
  public static PolicyCompiler recompile(
      PolicyCompiler previous, PolicyDocument doc, long version) {
    previous.live();
    previous.handedOver = true;
    PolicyCompiler c = new PolicyCompiler(doc, version);
    if (!c.placesDevicesAs(previous)) {
      return compile(doc, previous.devices.values(), version);
    }
    c.keptDevices = true;
    c.devices = previous.devices;
    c.keysOf = previous.keysOf;
    c.members = previous.members;
    c.deviceTables = previous.deviceTables;
    c.peers = previous.peers; // same gateways, so the same keys
    return c;
  }

  /** Whether every device's keys, peer entries and device table are the same under both. */
  private boolean placesDevicesAs(PolicyCompiler o) {
    return doc.gateways().equals(o.doc.gateways())
        && doc.segments().equals(o.doc.segments())
        && doc.quarantine().equals(o.doc.quarantine())
        && reach.services.equals(o.reach.services)
        && reach.partners.equals(o.reach.partners);
  }

  /**
   * Whether {@link #recompile} carried every device table and peer entry over unchanged: every
   * gateway's peers are then exactly those of the previous compiler.
   */
  public boolean keptDevices() {
    return keptDevices;
  }

  public PolicyDocument document() {
    return doc;
  }

  public long version() {
    return version;
  }

  /** Adds or replaces a device and returns what changed (empty if nothing did). */
  public Changes upsert(DeviceRecord d) {
    live();
    Set<String> oldKeys = keysOf.getOrDefault(d.id(), Set.of());
    DeviceRecord old = devices.get(d.id());
    unindex(d.id());
    index(d);
    boolean relational =
        !oldKeys.equals(keysOf.getOrDefault(d.id(), Set.of()))
            || old == null
            || !Objects.equals(old.overlayAddress(), d.overlayAddress());
    return apply(d.id(), relational ? union(oldKeys, keysOf.getOrDefault(d.id(), Set.of())) : null);
  }

  /** Removes a device (deleted from the registry) and returns what changed. */
  public Changes remove(String deviceId) {
    live();
    Set<String> oldKeys = keysOf.getOrDefault(deviceId, Set.of());
    unindex(deviceId);
    return apply(deviceId, oldKeys);
  }

  public GatewayTable gatewayTable(String gateway) {
    live();
    TreeMap<String, AuthorizedPeer> p = peers.get(gateway);
    if (p == null) throw new IllegalArgumentException("no gateway \"" + gateway + "\"");
    return new GatewayTable(
        gateway,
        gatewayVersions.get(gateway),
        gateway.equals(relay),
        p,
        rules.get(gateway),
        servicesBehind.get(gateway));
  }

  /**
   * One gateway's rules, services and relay role, with no peers: for a caller that already holds
   * that gateway's peers (kept by a {@link #recompile}) and would otherwise copy them all.
   */
  public GatewayTable gatewayRules(String gateway) {
    live();
    if (!peers.containsKey(gateway))
      throw new IllegalArgumentException("no gateway \"" + gateway + "\"");
    return new GatewayTable(
        gateway,
        gatewayVersions.get(gateway),
        gateway.equals(relay),
        Map.of(),
        rules.get(gateway),
        servicesBehind.get(gateway));
  }

  public Map<String, GatewayTable> gatewayTables() {
    live();
    Map<String, GatewayTable> out = new LinkedHashMap<>();
    for (String g : peers.keySet()) out.put(g, gatewayTable(g));
    return out;
  }

  public Optional<DeviceTable> deviceTable(String deviceId) {
    live();
    return Optional.ofNullable(deviceTables.get(deviceId));
  }

  public Map<String, DeviceTable> deviceTables() {
    live();
    return Map.copyOf(deviceTables);
  }

  // --- internals ---

  private void live() {
    if (handedOver) {
      throw new IllegalStateException("this compiler's state was handed to a recompile");
    }
  }

  private Changes apply(String id, Set<String> relatedKeys) {
    Set<String> affected = new TreeSet<>(); // sorted, so deltas list devices in id order
    affected.add(id);
    if (relatedKeys != null) {
      for (String k : relatedKeys) affected.addAll(membersOfPartners(k));
    }
    long next = version + 1;
    List<DeviceDelta> deviceDeltas = new ArrayList<>();
    // gateway -> device id -> its peer entry before the change (null: it had none)
    Map<String, Map<String, AuthorizedPeer>> touched = new LinkedHashMap<>();
    for (String e : affected) {
      DeviceTable old = deviceTables.get(e);
      Map<String, AuthorizedPeer> oldPeers = peerEntries(e);
      recompute(e, true);
      DeviceTable now = deviceTables.get(e);
      if (!sameContent(old, now)) {
        if (now != null) {
          now = new DeviceTable(e, next, now.peers());
          deviceTables.put(e, now);
        }
        deviceDeltas.add(DeviceDelta.between(e, old, now));
      }
      for (String g : peers.keySet()) {
        AuthorizedPeer before = oldPeers.get(g);
        if (!Objects.equals(before, peers.get(g).get(e))) {
          touched.computeIfAbsent(g, x -> new TreeMap<>()).put(e, before);
        }
      }
    }
    if (touched.isEmpty() && deviceDeltas.isEmpty()) {
      return new Changes(version, List.of(), List.of());
    }
    List<GatewayDelta> gatewayDeltas = new ArrayList<>();
    touched.forEach((g, old) -> gatewayDeltas.add(gatewayDelta(g, old, next)));
    version = next;
    return new Changes(version, gatewayDeltas, deviceDeltas);
  }

  private GatewayDelta gatewayDelta(String g, Map<String, AuthorizedPeer> old, long next) {
    long from = gatewayVersions.put(g, next);
    List<AuthorizedPeer> added = new ArrayList<>(), changed = new ArrayList<>();
    List<String> removed = new ArrayList<>();
    old.forEach(
        (id, before) -> {
          AuthorizedPeer now = peers.get(g).get(id);
          if (before == null) added.add(now);
          else if (now == null) removed.add(id);
          else changed.add(now);
        });
    return new GatewayDelta(
        g, from, next, added, changed, removed, List.of(), List.of(), List.of());
  }

  private static boolean sameContent(DeviceTable a, DeviceTable b) {
    if (a == null || b == null) return a == b;
    return a.sameContentAs(b);
  }

  private Map<String, AuthorizedPeer> peerEntries(String id) {
    Map<String, AuthorizedPeer> out = new HashMap<>();
    for (var e : peers.entrySet()) {
      AuthorizedPeer p = e.getValue().get(id);
      if (p != null) out.put(e.getKey(), p);
    }
    return out;
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    Set<String> u = new HashSet<>(a);
    u.addAll(b);
    return u;
  }

  /** The segment keys a device is known by: its segments, plus "*" while active. */
  private Set<String> keys(DeviceRecord d) {
    if (!d.status().authorized() || d.overlayAddress() == null) return Set.of();
    Set<String> k = new HashSet<>(Membership.segmentsOf(doc, d));
    if (d.status() == DeviceStatus.ACTIVE) k.add(Reach.EVERY_ACTIVE);
    return k;
  }

  private void index(DeviceRecord d) {
    devices.put(d.id(), d);
    Set<String> k = keys(d);
    keysOf.put(d.id(), k);
    for (String key : k) members.computeIfAbsent(key, x -> new HashSet<>()).add(d.id());
  }

  private void unindex(String id) {
    devices.remove(id);
    Set<String> k = keysOf.remove(id);
    if (k == null) return;
    for (String key : k) {
      Set<String> m = members.get(key);
      if (m != null) m.remove(id);
    }
  }

  private Set<String> membersOfPartners(String key) {
    Set<String> out = new HashSet<>();
    for (String p : reach.partnersOf(key)) out.addAll(members.getOrDefault(p, Set.of()));
    return out;
  }

  /** Recomputes one device's table and its peer entry at every gateway. */
  private void recompute(String id, boolean keepVersion) {
    DeviceRecord d = devices.get(id);
    Set<String> keys = keysOf.getOrDefault(id, Set.of());
    for (TreeMap<String, AuthorizedPeer> p : peers.values()) p.remove(id);
    if (d == null || keys.isEmpty()) {
      deviceTables.remove(id);
      return;
    }
    Map<String, List<IpPrefix>> table = new TreeMap<>();
    for (String g : peers.keySet()) {
      Set<IpPrefix> prefixes = new TreeSet<>();
      for (String k : keys) prefixes.addAll(reach.servicesOf(k).getOrDefault(g, Set.of()));
      if (g.equals(relay)) {
        for (String k : keys) {
          for (String other : membersOfPartners(k)) {
            if (!other.equals(id)) prefixes.add(IpPrefix.host(devices.get(other).overlayAddress()));
          }
        }
      }
      if (!prefixes.isEmpty()) {
        table.put(g, List.copyOf(prefixes));
        peers.get(g).put(id, peer(d));
      }
    }
    DeviceTable old = deviceTables.get(id);
    deviceTables.put(
        id, new DeviceTable(id, keepVersion && old != null ? old.version() : version, table));
  }

  private AuthorizedPeer peer(DeviceRecord d) {
    Set<String> segs =
        d.status() == DeviceStatus.QUARANTINED
            ? doc.quarantine().map(Quarantine::segment).map(Set::of).orElse(Set.of())
            : Membership.segmentsOf(doc, d);
    return new AuthorizedPeer(
        d.id(),
        d.name(),
        d.publicKey(),
        d.overlayAddress(),
        segs,
        d.status(),
        d.posture(),
        d.site());
  }
}
