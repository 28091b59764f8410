package dev.cordon.controller.tables;

import dev.cordon.policy.compile.AuthorizedPeer;
import dev.cordon.policy.compile.FlowRule;
import dev.cordon.policy.compile.GatewayDelta;
import dev.cordon.policy.compile.GatewayTable;
import dev.cordon.policy.model.Service;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * One gateway's published table and its subscribers. Device changes arrive as the compiler's peer
 * deltas and are merged until the revision they belong to is complete; a new document (or a re-read
 * after compaction) is published as the full difference between the published table and the new
 * one. Used only on the feed's thread.
 */
final class GatewayChannel {
  private final String gateway;
  private final TreeMap<String, AuthorizedPeer> peers = new TreeMap<>();
  private List<FlowRule> rules = List.of();
  private List<Service> services = List.of();
  private boolean relay;

  /** Whether the published peers (with the pending changes) follow the compiler's. */
  private boolean synced;

  /** device id -> its entry after the pending changes (null: removed). */
  private final Map<String, AuthorizedPeer> pending = new HashMap<>();

  /** The revision the published content last changed at: any version from it on is current. */
  private long changedAt;

  final List<Sub> subscribers = new ArrayList<>();

  /** One subscriber and the version it holds (-1: nothing sent yet). */
  static final class Sub {
    final Subscriber<GatewayUpdate> subscriber;
    final long applied;
    long sent = -1;
    volatile boolean closed;

    Sub(Subscriber<GatewayUpdate> subscriber, long applied) {
      this.subscriber = subscriber;
      this.applied = applied;
    }
  }

  /** Whether a device id is now revoked in the registry (it names removals as revocations). */
  private final Predicate<String> revoked;

  GatewayChannel(String gateway, Predicate<String> revoked) {
    this.gateway = gateway;
    this.revoked = revoked;
  }

  String name() {
    return gateway;
  }

  long changedAt() {
    return changedAt;
  }

  /** Notes the compiler's change to this gateway's peers; published at the next flush. */
  void pending(GatewayDelta delta) {
    delta.addedPeers().forEach(p -> pending.put(p.deviceId(), p));
    delta.changedPeers().forEach(p -> pending.put(p.deviceId(), p));
    delta.removedPeers().forEach(id -> pending.put(id, null));
  }

  /** Publishes the merged pending peer changes as one delta at {@code revision}. */
  void flushPending(long revision, long policyVersion, Instant at) {
    if (pending.isEmpty()) {
      return;
    }
    List<AuthorizedPeer> added = new ArrayList<>();
    List<AuthorizedPeer> changed = new ArrayList<>();
    List<String> removed = new ArrayList<>();
    new TreeMap<>(pending)
        .forEach(
            (id, after) -> {
              AuthorizedPeer before = after == null ? peers.remove(id) : peers.put(id, after);
              if (before == null && after != null) added.add(after);
              else if (before != null && after == null) removed.add(id);
              else if (before != null && !before.equals(after)) changed.add(after);
            });
    pending.clear();
    publish(
        delta(0, revision, added, changed, removed, List.of(), List.of(), List.of()),
        policyVersion,
        at);
  }

  /** Whether the published peers plus the pending changes are the compiler's peers. */
  boolean synced() {
    return synced;
  }

  /** Publishes the whole difference to {@code next}, a new table, at {@code revision}. */
  void replace(GatewayTable next, long revision, long policyVersion, Instant at) {
    install(GatewayDelta.between(table(0), next), next, revision, policyVersion, at);
  }

  /**
   * Publishes a new document's rules and services at {@code revision} for a channel that is {@link
   * #synced}, when the document kept every peer entry: the new peers are then the published ones
   * with the pending changes applied, so only those changes and the rules are compared, and {@code
   * next}'s peers are not looked at (it may have none). A rule change then costs the rules, not
   * every peer.
   */
  void replaceRules(GatewayTable next, long revision, long policyVersion, Instant at) {
    if (!synced) throw new IllegalStateException(gateway + ": not synced to the compiler's peers");
    install(pendingAndRules(next), next, revision, policyVersion, at);
  }

  private void install(
      GatewayDelta diff, GatewayTable next, long revision, long policyVersion, Instant at) {
    pending.clear();
    synced = true;
    diff.removedPeers().forEach(peers::remove);
    diff.addedPeers().forEach(p -> peers.put(p.deviceId(), p));
    diff.changedPeers().forEach(p -> peers.put(p.deviceId(), p));
    List<AuthorizedPeer> changed = new ArrayList<>(diff.changedPeers());
    if (!UnmetBasis.same(rules, next.rules())) {
      // A peer's unmet conditions are derived from the conditional rules, which changed: resend
      // every surviving peer. A change elsewhere in the rules (ports, say) leaves the peers alone.
      Set<String> listed = new HashSet<>();
      changed.forEach(p -> listed.add(p.deviceId()));
      diff.addedPeers().forEach(p -> listed.add(p.deviceId()));
      peers.forEach(
          (id, p) -> {
            if (listed.add(id)) changed.add(p);
          });
    }
    rules = next.rules();
    services = next.services();
    boolean relayChanged = relay != next.relay();
    relay = next.relay();
    GatewayDelta delta =
        delta(
            0,
            revision,
            diff.addedPeers(),
            changed,
            diff.removedPeers(),
            diff.addedRules(),
            diff.changedRules(),
            diff.removedRules());
    if (relayChanged && delta.isEmpty()) {
      changedAt = revision; // invisible in a delta, but a reconnecting gateway needs a snapshot
    }
    publish(delta, policyVersion, at);
  }

  /** The pending peer changes and the whole difference in rules and services to {@code next}. */
  private GatewayDelta pendingAndRules(GatewayTable next) {
    List<AuthorizedPeer> added = new ArrayList<>();
    List<AuthorizedPeer> changed = new ArrayList<>();
    List<String> removed = new ArrayList<>();
    new TreeMap<>(pending)
        .forEach(
            (id, after) -> {
              AuthorizedPeer before = peers.get(id);
              if (before == null && after != null) added.add(after);
              else if (before != null && after == null) removed.add(id);
              else if (before != null && !before.equals(after)) changed.add(after);
            });
    GatewayDelta rulesOnly =
        GatewayDelta.between(
            new GatewayTable(gateway, 0, relay, Map.of(), rules, services),
            new GatewayTable(gateway, 0, next.relay(), Map.of(), next.rules(), next.services()));
    return delta(
        0,
        0,
        added,
        changed,
        removed,
        rulesOnly.addedRules(),
        rulesOnly.changedRules(),
        rulesOnly.removedRules());
  }

  /** Forgets how current old versions are: after a re-read, only a snapshot is certain. */
  void resetChangedAt(long revision) {
    changedAt = revision;
  }

  /**
   * Starts a subscriber: nothing when the version it holds is still current (it gets the next delta
   * from there), else a snapshot at {@code revision}.
   */
  void start(Sub sub, long revision, long policyVersion, Instant at) {
    subscribers.add(sub);
    if (sub.applied != 0 && sub.applied >= changedAt && sub.applied <= revision) {
      sub.sent = sub.applied;
      // What it holds is what is published now; it needs to know that to map later removals.
      Deliveries.resumed(
          sub.subscriber,
          new GatewayUpdate.Snapshot(table(sub.applied), policyVersion, at),
          () -> sub.closed = true);
      return;
    }
    sub.sent = revision;
    deliver(sub, new GatewayUpdate.Snapshot(table(revision), policyVersion, at));
  }

  GatewayTable table(long version) {
    return new GatewayTable(gateway, version, relay, peers, rules, services);
  }

  private void publish(GatewayDelta delta, long policyVersion, Instant at) {
    if (delta.isEmpty()) {
      return;
    }
    changedAt = delta.toVersion();
    Set<String> revokedPeers = new HashSet<>();
    for (String id : delta.removedPeers()) if (revoked.test(id)) revokedPeers.add(id);
    subscribers.removeIf(s -> s.closed);
    for (Sub sub : subscribers) {
      GatewayDelta own =
          delta(
              sub.sent,
              delta.toVersion(),
              delta.addedPeers(),
              delta.changedPeers(),
              delta.removedPeers(),
              delta.addedRules(),
              delta.changedRules(),
              delta.removedRules());
      sub.sent = delta.toVersion();
      deliver(sub, new GatewayUpdate.Delta(own, policyVersion, at, revokedPeers));
    }
  }

  private GatewayDelta delta(
      long from,
      long to,
      List<AuthorizedPeer> added,
      List<AuthorizedPeer> changed,
      List<String> removed,
      List<FlowRule> addedRules,
      List<FlowRule> changedRules,
      List<String> removedRules) {
    return new GatewayDelta(
        gateway, from, to, added, changed, removed, addedRules, changedRules, removedRules);
  }

  private static void deliver(Sub sub, GatewayUpdate update) {
    if (!sub.closed) {
      Deliveries.deliver(sub.subscriber, update, () -> sub.closed = true);
    }
  }
}
