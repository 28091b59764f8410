package dev.cordon.controller.tables;

import dev.cordon.controller.registry.GatewayRecord;
import dev.cordon.policy.compile.Changes;
import dev.cordon.policy.compile.DeviceDelta;
import dev.cordon.policy.compile.DeviceTable;
import dev.cordon.policy.compile.GatewayDelta;
import dev.cordon.policy.compile.GatewayTable;
import dev.cordon.policy.compile.PolicyCompiler;
import dev.cordon.policy.eval.Membership;
import dev.cordon.policy.model.Gateway;
import dev.cordon.policy.model.PolicyDocument;
import dev.cordon.policy.registry.DeviceRecord;
import dev.cordon.policy.registry.DeviceStatus;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The compiled tables "as of" one store revision, and what has been published from them. Changes
 * are applied as they arrive and published by {@link #flush} once their revision is complete, all
 * labelled with that revision. Not thread safe: the feed calls it from one thread.
 */
final class TableState {
  private static final PolicyDocument NO_POLICY = PolicyDocument.builder().build();

  private final Clock clock;
  private PolicyDocument doc = NO_POLICY;
  private long policyVersion;
  private PolicyCompiler compiler = PolicyCompiler.compile(NO_POLICY, List.of());
  private final Map<String, DeviceRecord> devices = new HashMap<>();
  private final Map<String, GatewayRecord> gateways = new HashMap<>();

  private final Map<String, GatewayChannel> gatewayChannels = new LinkedHashMap<>();
  private final Map<String, DeviceChannel> deviceChannels = new HashMap<>();

  /** Subscriptions waiting for a complete state (each returns whether it could start). */
  private final List<java.util.function.BooleanSupplier> waiting = new ArrayList<>();

  /** The revision whose state this is (every change up to it applied). */
  private long revision;

  /** The revision of the changes not yet published, 0 when none. */
  private long pendingRevision;

  /** Until the store reads that built this state are matched by the watch, nothing is published. */
  private long readyAt;

  /** Device tables and states, and gateway tables, are only known to be current from here. */
  private long floor;

  private boolean rebuilt;

  /**
   * Whether the pending rebuild is a new document that kept every device's peer entries, with no
   * other rebuild in the same batch: each channel's published peers plus its pending changes are
   * then the new tables' peers, and only those changes need comparing.
   */
  private boolean peersKept;

  private final Set<String> dirtyDevices = new HashSet<>();
  private final Set<String> refreshedGateways = new HashSet<>();
  private final Map<String, Long> deviceChangedAt = new HashMap<>();

  TableState(Clock clock) {
    this.clock = clock;
  }

  long revision() {
    return revision;
  }

  long policyVersion() {
    return policyVersion;
  }

  boolean ready() {
    return revision >= readyAt;
  }

  /** Whether a change at {@code eventRevision} must wait for the pending ones to be published. */
  boolean completes(long eventRevision) {
    return pendingRevision != 0 && eventRevision > pendingRevision;
  }

  /** The newest version compiled for a gateway: any version from it on is current. */
  long targetVersion(String gateway) {
    GatewayChannel c = gatewayChannels.get(gateway);
    return c == null ? floor : Math.max(c.changedAt(), floor);
  }

  // --- building ---

  /**
   * Replaces everything with what was read from the store: the registry as of some revisions
   * between {@code readFrom} and {@code readyAt}, which the watch (started at {@code readFrom + 1})
   * replays; the first publication happens once it passes {@code readyAt}.
   */
  void reset(
      PolicyDocument document,
      long version,
      Map<String, DeviceRecord> registry,
      Map<String, GatewayRecord> gatewayRecords,
      long readFrom,
      long readyAt) {
    devices.clear();
    devices.putAll(registry);
    gateways.clear();
    gateways.putAll(gatewayRecords);
    doc = document == null ? NO_POLICY : document;
    policyVersion = version;
    compiler = PolicyCompiler.compile(doc, devices.values());
    this.readyAt = readyAt;
    this.floor = readyAt;
    revision = Math.max(revision, readFrom);
    pendingRevision = Math.max(revision, 1);
    rebuilt = true;
    peersKept = false;
    deviceChangedAt.clear();
    gatewayChannels.values().forEach(c -> c.resetChangedAt(readyAt));
    doc.gateways().forEach(g -> channel(g.name()));
  }

  void advance(long eventRevision) {
    revision = Math.max(revision, eventRevision);
  }

  void policy(long eventRevision, long version, PolicyDocument document) {
    if (version <= policyVersion) {
      return; // a replay of a version already built
    }
    touch(eventRevision);
    doc = document;
    policyVersion = version;
    // The compiler holds the same devices as this state; a rule-only change keeps their tables.
    compiler = PolicyCompiler.recompile(compiler, doc, 1);
    peersKept = !rebuilt && compiler.keptDevices();
    rebuilt = true;
    floor = Math.max(floor, eventRevision); // device tables: resend rather than compare them all
    doc.gateways().forEach(g -> channel(g.name()));
  }

  void device(long eventRevision, String id, DeviceRecord record) {
    touch(eventRevision);
    if (record == null) {
      devices.remove(id);
    } else {
      devices.put(id, record);
    }
    Changes changes = record == null ? compiler.remove(id) : compiler.upsert(record);
    deviceChangedAt.put(id, eventRevision);
    dirtyDevices.add(id);
    if (rebuilt) {
      peersKept = false; // not noted as pending: only comparing whole tables finds it
      return; // the whole-table comparison at the flush covers it
    }
    for (GatewayDelta d : changes.gateways()) {
      channel(d.gateway()).pending(d);
    }
    for (DeviceDelta d : changes.devices()) {
      deviceChangedAt.put(d.deviceId(), eventRevision);
      dirtyDevices.add(d.deviceId());
    }
  }

  void gateway(long eventRevision, String name, GatewayRecord record) {
    touch(eventRevision);
    if (record == null) {
      gateways.remove(name);
    } else {
      gateways.put(name, record);
    }
    refreshedGateways.add(name);
    floor = Math.max(floor, eventRevision);
  }

  private void touch(long eventRevision) {
    advance(eventRevision);
    pendingRevision = Math.max(pendingRevision, eventRevision);
  }

  // --- publishing ---

  /** Publishes every pending change at the current revision, if the state is complete. */
  void flush() {
    if (!ready()) {
      return;
    }
    if (pendingRevision != 0) {
      Instant at = clock.instant();
      if (rebuilt) {
        for (GatewayChannel c : gatewayChannels.values()) {
          if (peersKept && c.synced()) {
            c.replaceRules(tableOf(c, false), revision, policyVersion, at);
          } else {
            c.replace(tableOf(c, true), revision, policyVersion, at);
          }
        }
      } else {
        gatewayChannels.values().forEach(c -> c.flushPending(revision, policyVersion, at));
      }
      publishDevices(at);
      pendingRevision = 0;
      rebuilt = false;
      peersKept = false;
      dirtyDevices.clear();
      refreshedGateways.clear();
    }
    List<java.util.function.BooleanSupplier> starting = new ArrayList<>(waiting);
    waiting.clear();
    for (var attempt : starting) {
      if (!attempt.getAsBoolean()) waiting.add(attempt);
    }
  }

  private void publishDevices(Instant at) {
    for (var e : deviceChannels.entrySet()) {
      String id = e.getKey();
      if (rebuilt || dirtyDevices.contains(id) || !refreshedGateways.isEmpty()) {
        e.getValue()
            .publish(
                revision,
                deviceTable(id),
                deviceState(id),
                refreshedGateways,
                policyVersion,
                at,
                gateways::get);
      }
    }
  }

  /** A channel's compiled table; without {@code withPeers}, its rules and services only. */
  private GatewayTable tableOf(GatewayChannel c, boolean withPeers) {
    String name = c.name();
    boolean known = doc.gateways().stream().map(Gateway::name).anyMatch(name::equals);
    if (!known) return new GatewayTable(name, 0, false, Map.of(), List.of(), List.of());
    return withPeers ? compiler.gatewayTable(name) : compiler.gatewayRules(name);
  }

  private DeviceTable deviceTable(String id) {
    return compiler.deviceTable(id).orElse(new DeviceTable(id, 0, Map.of()));
  }

  private boolean revoked(String id) {
    DeviceRecord d = devices.get(id);
    return d != null && d.status() == DeviceStatus.REVOKED;
  }

  private DeviceState deviceState(String id) {
    DeviceRecord d = devices.get(id);
    if (d == null) {
      return DeviceState.GONE;
    }
    Set<String> segments =
        d.status() == DeviceStatus.ACTIVE || d.status() == DeviceStatus.QUARANTINED
            ? Membership.segmentsOf(doc, d)
            : Set.of();
    return new DeviceState(d.status(), d.overlayAddress(), segments);
  }

  // --- subscribing ---

  /** Starts the subscriber as soon as the state is complete and holds the version it has. */
  void subscribe(String gateway, GatewayChannel.Sub sub) {
    whenCurrent(
        sub.applied,
        () -> {
          if (!sub.closed) {
            channel(gateway).start(sub, revision, policyVersion, clock.instant());
          }
        });
  }

  void subscribeDevice(String id, DeviceChannel.Sub sub) {
    whenCurrent(
        sub.known,
        () -> {
          if (!sub.closed) {
            long changedAt = Math.max(floor, deviceChangedAt.getOrDefault(id, 0L));
            deviceChannels
                .computeIfAbsent(id, DeviceChannel::new)
                .start(
                    sub,
                    changedAt,
                    revision,
                    deviceTable(id),
                    deviceState(id),
                    policyVersion,
                    clock.instant(),
                    gateways::get);
          }
        });
  }

  /**
   * Runs {@code start} now if nothing is pending and the state has reached {@code held} (the
   * version the subscriber already has: sending it anything older would move it backwards), else at
   * the first flush where that holds.
   */
  private void whenCurrent(long held, Runnable start) {
    java.util.function.BooleanSupplier attempt =
        () -> {
          if (!ready() || pendingRevision != 0 || held > revision) return false;
          start.run();
          return true;
        };
    if (!attempt.getAsBoolean()) {
      waiting.add(attempt);
    }
  }

  /** Tells every subscriber the feed stops serving it. */
  void endAll(String reason) {
    gatewayChannels.values().forEach(c -> c.subscribers.forEach(s -> end(s.subscriber, reason)));
    deviceChannels.values().forEach(c -> c.subscribers.forEach(s -> end(s.subscriber, reason)));
  }

  private static void end(Subscriber<?> subscriber, String reason) {
    try {
      subscriber.ended(reason);
    } catch (RuntimeException e) {
      // already gone (a cancelled stream): nothing left to tell
    }
  }

  /** Drops closed subscribers and channels nobody watches any more. */
  void prune() {
    deviceChannels.values().forEach(c -> c.subscribers.removeIf(s -> s.closed));
    deviceChannels.values().removeIf(c -> c.subscribers.isEmpty());
    gatewayChannels.values().forEach(c -> c.subscribers.removeIf(s -> s.closed));
  }

  /** Every gateway channel's current content, for tests and the admin view. */
  GatewayTable publishedTable(String gateway) {
    return channel(gateway).table(revision);
  }

  private GatewayChannel channel(String gateway) {
    return gatewayChannels.computeIfAbsent(
        gateway,
        g -> {
          GatewayChannel c = new GatewayChannel(g, this::revoked);
          c.resetChangedAt(floor);
          if (!rebuilt) {
            c.replace(tableOf(c, true), revision, policyVersion, clock.instant());
          }
          return c;
        });
  }
}
