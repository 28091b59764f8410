package dev.cordon.gateway.table;

import static dev.cordon.gateway.support.Tables.active;
import static dev.cordon.gateway.support.Tables.allowTcp;
import static dev.cordon.gateway.support.Tables.delta;
import static dev.cordon.gateway.support.Tables.snapshot;
import static dev.cordon.gateway.support.Tables.update;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.cordon.gateway.enforce.GatewayPeer;
import dev.cordon.gateway.enforce.PeerKey;
import dev.cordon.gateway.enforce.PolicySnapshot;
import dev.cordon.policy.model.IpAddress;
import dev.cordon.proto.v1.AuthorizedPeer;
import dev.cordon.proto.v1.FlowRule;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * An update that changes only rules keeps the peers of the last snapshot (no copy, no re-sort of
 * every peer) and decides every flow as a gateway that received the same table whole; an update
 * that touches a peer builds them again.
 */
class RuleOnlyUpdateTest {
  static final List<AuthorizedPeer> PEERS =
      List.of(
          active(1, "cam-1", "100.64.0.1", "cameras"),
          active(2, "cam-2", "100.64.0.2", "cameras"),
          active(3, "plc-1", "100.64.0.3", "plcs"));

  @Test
  void aRuleOnlyDeltaKeepsThePeersAndDecidesAsAFreshSnapshot() throws Exception {
    GatewayTableState state = new GatewayTableState("edge");
    PolicySnapshot first =
        state
            .apply(snapshot(5, PEERS, List.of(allowTcp("video", "cameras", "10.10.1.0/24", 443))))
            .policy();
    FlowRule moved = allowTcp("video", "cameras", "10.10.1.0/24", 8443);
    FlowRule plcs = allowTcp("modbus", "plcs", "10.10.2.0/24", 502);
    PolicySnapshot second =
        state.apply(update(delta(5, 6).addChangedRules(moved).addAddedRules(plcs))).policy();

    assertSame(first.table().peers(), second.table().peers(), "the peers were kept");
    assertEquals(6, second.version());
    PolicySnapshot whole =
        new GatewayTableState("edge").apply(snapshot(6, PEERS, List.of(moved, plcs))).policy();
    assertNotSame(whole.table().peers(), second.table().peers());
    assertEquals(whole.table(), second.table());
    for (int peer = 1; peer <= 3; peer++) {
      GatewayPeer sender =
          state.slot(new PeerKey(dev.cordon.gateway.support.Tables.key(peer))).current();
      for (String dst : List.of("10.10.1.7", "10.10.2.7", "10.10.3.7")) {
        IpAddress to = IpAddress.parse(dst);
        for (int port : List.of(443, 8443, 502)) {
          assertEquals(
              whole.decide(sender, to.hi(), to.lo(), 6, port, 0),
              second.decide(sender, to.hi(), to.lo(), 6, port, 0),
              "peer " + peer + " -> " + dst + ":" + port);
        }
      }
    }
  }

  @Test
  void aPeerOnlyDeltaKeepsTheRulesAndDecidesAsAFreshSnapshot() throws Exception {
    GatewayTableState state = new GatewayTableState("edge");
    List<FlowRule> rules =
        List.of(
            allowTcp("video", "cameras", "10.10.1.0/24", 443),
            allowTcp("modbus", "plcs", "10.10.2.0/24", 502));
    PolicySnapshot first = state.apply(snapshot(5, PEERS, rules)).policy();
    var cam2 = com.google.protobuf.ByteString.copyFrom(dev.cordon.gateway.support.Tables.key(2));
    AuthorizedPeer plc2 = active(4, "plc-2", "100.64.0.4", "plcs");
    PolicySnapshot second =
        state
            .apply(
                update(
                    delta(5, 6)
                        .addRemovedPeerKeys(cam2)
                        .addRevokedPeerKeys(cam2)
                        .addAddedPeers(plc2)))
            .policy();

    assertSame(first.table().rules(), second.table().rules(), "the rules were kept");
    PolicySnapshot whole =
        new GatewayTableState("edge")
            .apply(snapshot(6, List.of(PEERS.get(0), PEERS.get(2), plc2), rules))
            .policy();
    assertEquals(whole.table(), second.table());
    for (int peer : List.of(1, 3, 4)) {
      GatewayPeer sender =
          state.slot(new PeerKey(dev.cordon.gateway.support.Tables.key(peer))).current();
      for (String dst : List.of("10.10.1.7", "10.10.2.7", "100.64.0.2")) {
        IpAddress to = IpAddress.parse(dst);
        for (int port : List.of(443, 502)) {
          assertEquals(
              whole.decide(sender, to.hi(), to.lo(), 6, port, 0),
              second.decide(sender, to.hi(), to.lo(), 6, port, 0),
              "peer " + peer + " -> " + dst + ":" + port);
        }
      }
    }
    assertEquals(
        null,
        second.owner(IpAddress.parse("100.64.0.2").hi(), IpAddress.parse("100.64.0.2").lo()),
        "the revoked peer owns nothing");
  }

  @Test
  void aDeltaThatTouchesAPeerBuildsThePeersAgain() throws Exception {
    GatewayTableState state = new GatewayTableState("edge");
    PolicySnapshot first =
        state
            .apply(snapshot(5, PEERS, List.of(allowTcp("video", "cameras", "10.10.1.0/24", 443))))
            .policy();
    PolicySnapshot second =
        state
            .apply(update(delta(5, 6).addAddedPeers(active(4, "cam-3", "100.64.0.4", "cameras"))))
            .policy();
    assertNotSame(first.table().peers(), second.table().peers());
    assertEquals(4, second.table().peers().size());
  }
}
