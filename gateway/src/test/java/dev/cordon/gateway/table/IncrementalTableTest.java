package dev.cordon.gateway.table;

import static dev.cordon.gateway.support.Tables.allowTcp;
import static dev.cordon.gateway.support.Tables.delta;
import static dev.cordon.gateway.support.Tables.peer;
import static dev.cordon.gateway.support.Tables.prefix;
import static dev.cordon.gateway.support.Tables.rule;
import static dev.cordon.gateway.support.Tables.snapshot;
import static dev.cordon.gateway.support.Tables.update;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.protobuf.ByteString;
import dev.cordon.gateway.enforce.GatewayPeer;
import dev.cordon.gateway.enforce.PeerKey;
import dev.cordon.gateway.enforce.PeerSlot;
import dev.cordon.gateway.enforce.PolicySnapshot;
import dev.cordon.gateway.support.Tables;
import dev.cordon.policy.model.IpAddress;
import dev.cordon.proto.v1.AuthorizedPeer;
import dev.cordon.proto.v1.DeviceStatus;
import dev.cordon.proto.v1.FlowRule;
import dev.cordon.proto.v1.GatewayTableDelta;
import dev.cordon.proto.v1.Verdict;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * A gateway that follows a random run of deltas (peers added, changed, moved to another overlay
 * address, quarantined, revoked, removed; rules added, changed, removed) holds after each one
 * exactly what a gateway that received the same table whole holds: the same table, the same owner
 * for every address, a slot for exactly the authorized keys, and the same decision for every flow.
 * This is what guards the snapshots that share persistent maps and indexes with the one before.
 */
class IncrementalTableTest {
  private static final int KEYS = 12;
  private static final int ADDRESSES = 16;
  private static final List<String> SEGMENTS = List.of("cameras", "plcs", "quarantine");
  private static final List<DeviceStatus> STATUSES =
      List.of(
          DeviceStatus.DEVICE_STATUS_ACTIVE,
          DeviceStatus.DEVICE_STATUS_ACTIVE,
          DeviceStatus.DEVICE_STATUS_QUARANTINED,
          DeviceStatus.DEVICE_STATUS_PENDING,
          DeviceStatus.DEVICE_STATUS_REVOKED);
  private static final List<String> SERVICES = List.of("10.10.1.7", "10.10.2.7", "10.10.3.7");
  private static final List<Integer> PORTS = List.of(443, 502, 8080);

  @Property(tries = 150)
  void aGatewayFollowingDeltasHoldsWhatAWholeTableWouldGiveIt(@ForAll long seed) throws Exception {
    Random r = new Random(seed);
    Map<Integer, AuthorizedPeer> peers = new TreeMap<>();
    Map<String, FlowRule> rules = new LinkedHashMap<>();
    for (int k = 1; k <= KEYS / 2; k++) peers.put(k, randomPeer(r, k, peers));
    for (int i = 0; i < 3; i++) putRandomRule(r, rules);
    long version = 1;
    GatewayTableState state = new GatewayTableState("edge");
    state.apply(snapshot(version, List.copyOf(peers.values()), List.copyOf(rules.values())));

    for (int step = 0; step < 25; step++) {
      GatewayTableDelta.Builder d = delta(version, version + 1 + r.nextInt(3));
      Set<Integer> touched = new HashSet<>();
      for (int change = r.nextInt(4); change >= 0; change--) {
        int k = 1 + r.nextInt(KEYS);
        if (!touched.add(k)) continue; // a delta names each key once, as the controller's do
        ByteString key = ByteString.copyFrom(Tables.key(k));
        if (!peers.containsKey(k)) {
          peers.put(k, randomPeer(r, k, peers));
          d.addAddedPeers(peers.get(k));
        } else if (r.nextInt(4) == 0) {
          peers.remove(k);
          d.addRemovedPeerKeys(key);
          if (r.nextBoolean()) d.addRevokedPeerKeys(key);
        } else {
          peers.remove(k); // so its own address counts as free for the move
          peers.put(k, randomPeer(r, k, peers));
          d.addChangedPeers(peers.get(k));
        }
      }
      if (r.nextInt(3) == 0) {
        if (rules.size() > 1 && r.nextBoolean()) {
          String gone = List.copyOf(rules.keySet()).get(r.nextInt(rules.size()));
          rules.remove(gone);
          d.addRemovedRuleIds(gone);
        } else {
          FlowRule put = putRandomRule(r, rules);
          d.addChangedRules(put);
        }
      }
      version = d.getToVersion();
      PolicySnapshot incremental = state.apply(update(d)).policy();
      GatewayTableState whole = new GatewayTableState("edge");
      PolicySnapshot fresh =
          whole
              .apply(snapshot(version, List.copyOf(peers.values()), List.copyOf(rules.values())))
              .policy();
      assertAlike(whole, fresh, state, incremental, "seed " + seed + " step " + step);
    }
  }

  private static void assertAlike(
      GatewayTableState wholeState,
      PolicySnapshot whole,
      GatewayTableState state,
      PolicySnapshot incremental,
      String where) {
    assertEquals(whole.table(), incremental.table(), where);
    List<IpAddress> addresses = new ArrayList<>();
    for (int a = 1; a <= ADDRESSES; a++) addresses.add(overlay(a));
    for (int k = 1; k <= KEYS; k++) addresses.add(IpAddress.parse("10.99." + k + ".5"));
    for (IpAddress a : addresses) {
      assertEquals(
          whole.owner(a.hi(), a.lo()), incremental.owner(a.hi(), a.lo()), where + " owner of " + a);
    }
    for (String s : SERVICES) addresses.add(IpAddress.parse(s));
    for (int k = 1; k <= KEYS; k++) {
      PeerKey key = new PeerKey(Tables.key(k));
      PeerSlot expected = wholeState.slot(key), actual = state.slot(key);
      assertEquals(expected == null, actual == null, where + " slot of key " + k);
      if (actual == null) continue;
      GatewayPeer sender = actual.current();
      assertEquals(expected.current(), sender, where + " peer of key " + k);
      for (IpAddress to : addresses) {
        for (int port : PORTS) {
          assertEquals(
              whole.decide(expected.current(), to.hi(), to.lo(), 6, port, 0),
              incremental.decide(sender, to.hi(), to.lo(), 6, port, 0),
              where + " key " + k + " -> " + to + ":" + port);
        }
      }
    }
  }

  /** A peer for key {@code k} at an overlay address none of {@code others} holds. */
  private static AuthorizedPeer randomPeer(Random r, int k, Map<Integer, AuthorizedPeer> others) {
    List<ByteString> taken = new ArrayList<>();
    for (AuthorizedPeer p : others.values()) taken.add(p.getOverlayAddress().getOctets());
    IpAddress at;
    do {
      at = overlay(1 + r.nextInt(ADDRESSES));
    } while (taken.contains(ByteString.copyFrom(at.bytes())));
    List<String> segments = new ArrayList<>();
    for (String s : SEGMENTS) if (r.nextInt(3) == 0) segments.add(s);
    var b =
        peer(
            k,
            "dev-" + k,
            at.toString(),
            STATUSES.get(r.nextInt(STATUSES.size())),
            segments.toArray(String[]::new));
    if (r.nextInt(4) == 0) b.addAllowedSourcePrefixes(prefix("10.99." + k + ".0/24"));
    return b.build();
  }

  /** Adds or replaces one of a few rules, from segments to services or to another segment. */
  private static FlowRule putRandomRule(Random r, Map<String, FlowRule> rules) {
    String from = SEGMENTS.get(r.nextInt(SEGMENTS.size()));
    String id = "r" + r.nextInt(6);
    FlowRule next =
        switch (r.nextInt(4)) {
          case 0 ->
              rule(id, Verdict.VERDICT_DENY, from, SERVICES.get(r.nextInt(3)) + "/32").build();
          case 1 ->
              rule(id, Verdict.VERDICT_ALLOW, from, "segment:" + SEGMENTS.get(r.nextInt(3)))
                  .build();
          default ->
              allowTcp(id, from, SERVICES.get(r.nextInt(3)) + "/32", PORTS.get(r.nextInt(3)));
        };
    rules.put(id, next);
    return next;
  }

  private static IpAddress overlay(int n) {
    return IpAddress.parse("100.64.0." + n);
  }
}
