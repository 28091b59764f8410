package dev.cordon.gateway.device;

import static dev.cordon.gateway.support.Tables.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.cordon.gateway.enforce.DropCounters;
import dev.cordon.gateway.enforce.DropReason;
import dev.cordon.gateway.enforce.Enforcer;
import dev.cordon.gateway.enforce.FlowObserver;
import dev.cordon.gateway.enforce.PeerKey;
import dev.cordon.gateway.enforce.PolicySnapshot;
import dev.cordon.gateway.packet.Packets;
import dev.cordon.gateway.table.GatewayTableState;
import dev.cordon.gateway.table.LatencyHistogram;
import dev.cordon.gateway.table.TableApplier;
import dev.cordon.proto.v1.DeviceStatus;
import dev.cordon.tunnel.Verdict;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EnforcingPolicyTest {
  static final long NOW = 1_780_000_000_000L;
  final RecordingDevice device = new RecordingDevice();
  final DeviceAdapter adapter = new DeviceAdapter(device);
  final DropCounters drops = new DropCounters();
  final Enforcer enforcer =
      new Enforcer(PolicySnapshot.empty(), 1000, drops, n -> true, FlowObserver.NONE);
  final EnforcingPolicy policy = new EnforcingPolicy(enforcer, adapter, () -> NOW);
  final String cam1 = new PeerKey(key(1)).toString();
  final String nvr = new PeerKey(key(2)).toString();
  final String hvac = new PeerKey(key(3)).toString();
  TableApplier applier;

  @BeforeEach
  void load() throws Exception {
    applier =
        new TableApplier(
            new GatewayTableState("edge"),
            adapter,
            enforcer,
            new LatencyHistogram(),
            () -> NOW,
            System::nanoTime);
    applier.apply(
        snapshot(
            1,
            List.of(
                active(1, "cam-1", "100.64.0.1", "cameras"),
                active(2, "nvr-1", "100.64.0.2", "recorders"),
                active(3, "hvac-1", "100.64.0.3", "hvac")),
            List.of(
                allowTcp("cams-to-video", "cameras", "10.10.1.0/24", 443),
                rule(
                        "cams-to-nvr",
                        dev.cordon.proto.v1.Verdict.VERDICT_ALLOW,
                        "cameras",
                        "segment:recorders")
                    .build())),
        System.nanoTime(),
        NOW,
        (v, r, a) -> {});
  }

  static Verdict in(EnforcingPolicy p, String peer, byte[] packet) {
    return p.inbound(peer, packet, 0, packet.length);
  }

  static Verdict out(EnforcingPolicy p, String peer, byte[] packet) {
    return p.outbound(peer, packet, 0, packet.length);
  }

  static Verdict dropped(String name) {
    return Verdict.drop(new dev.cordon.tunnel.DropReason(name));
  }

  @Test
  void aServiceFlowPassesInboundToTheTunAndItsReplyPassesOutbound() {
    assertEquals(
        Verdict.ALLOW, in(policy, cam1, Packets.tcp("100.64.0.1", 5000, "10.10.1.5", 443, 0x02)));
    assertEquals(
        Verdict.ALLOW, out(policy, cam1, Packets.tcp("10.10.1.5", 443, "100.64.0.1", 5000, 0x12)));
    assertEquals(0, drops.snapshot().values().stream().mapToLong(Long::longValue).sum());
  }

  @Test
  void aSpoofedSourceIsDroppedUnderTheSameNameOnBothSidesAndCounted() {
    Verdict v = in(policy, cam1, Packets.tcp("100.64.0.2", 5000, "10.10.1.5", 443, 0x02));
    assertEquals(dropped("spoofed_source"), v);
    assertEquals(1, drops.get(DropReason.SPOOFED_SOURCE));
  }

  @Test
  void everyGatewayReasonHasATunnelReasonOfTheSameName() {
    for (DropReason r : DropReason.values()) {
      var v = (Verdict.Drop) DropVerdicts.of(r);
      assertEquals(r.name().toLowerCase(java.util.Locale.ROOT), v.reason().name());
    }
  }

  @Test
  void aPolicyDenyIsDroppedWithItsReason() {
    Verdict v = in(policy, hvac, Packets.tcp("100.64.0.3", 5000, "10.10.1.5", 443, 0x02));
    assertEquals(dropped("no_matching_rule"), v);
    assertEquals(1, drops.get(DropReason.NO_MATCHING_RULE));
  }

  @Test
  void aKeyNotInTheTableIsAnUnknownPeer() {
    String stranger = new PeerKey(key(9)).toString();
    assertEquals(
        dropped("unknown_peer"),
        in(policy, stranger, Packets.udp("100.64.0.9", 1, "10.10.1.5", 53)));
    assertEquals(1, drops.get(DropReason.UNKNOWN_PEER));
  }

  @Test
  void aTunPacketThatAnswersNoFlowIsDroppedAsNoTrackedFlow() {
    assertEquals(
        dropped("no_tracked_flow"),
        out(policy, cam1, Packets.tcp("10.10.1.5", 443, "100.64.0.1", 5000, 0x02)));
  }

  @Test
  void aDeviceToDeviceFlowIsRelayedOnOneDecisionAndItsReplyComesBackThroughTheTracker() {
    byte[] syn = Packets.tcp("100.64.0.1", 6000, "100.64.0.2", 554, 0x02);
    assertEquals(Verdict.RELAY, in(policy, cam1, syn));
    assertEquals(1, enforcer.flows());
    byte[] synAck = Packets.tcp("100.64.0.2", 554, "100.64.0.1", 6000, 0x12);
    assertEquals(Verdict.RELAY, in(policy, nvr, synAck));
    byte[] ack = Packets.tcp("100.64.0.1", 6000, "100.64.0.2", 554, 0x10);
    assertEquals(Verdict.RELAY, in(policy, cam1, ack));
    assertEquals(0, drops.snapshot().values().stream().mapToLong(Long::longValue).sum());
    assertEquals(1, enforcer.flows());
    // Judged again as an inside packet, the relayed original direction would be refused: this is
    // why the device relays it without asking outbound.
    assertEquals(dropped("no_tracked_flow"), out(policy, nvr, syn));
  }

  @Test
  void theRelayedDestinationCannotStartAFlowTheRuleOnlyAllowsTheOtherWay() {
    byte[] syn = Packets.tcp("100.64.0.2", 7000, "100.64.0.1", 22, 0x02);
    assertEquals(dropped("no_matching_rule"), in(policy, nvr, syn));
  }

  @Test
  void aRevokedDevicesInFlightPacketsFindNoSlotAndAreDropped() throws Exception {
    assertEquals(
        Verdict.ALLOW, in(policy, cam1, Packets.tcp("100.64.0.1", 5000, "10.10.1.5", 443, 0x02)));
    applier.apply(
        update(
            delta(1, 2)
                .addChangedPeers(
                    peer(1, "cam-1", "100.64.0.1", DeviceStatus.DEVICE_STATUS_REVOKED, "cameras"))),
        System.nanoTime(),
        NOW,
        (v, r, a) -> {});
    assertTrue(device.calls.contains("remove " + cam1), device.calls.toString());
    assertEquals(0, enforcer.flows());
    assertEquals(
        dropped("unknown_peer"),
        in(policy, cam1, Packets.tcp("100.64.0.1", 5000, "10.10.1.5", 443, 0x10)));
    assertEquals(
        dropped("no_tracked_flow"),
        out(policy, cam1, Packets.tcp("10.10.1.5", 443, "100.64.0.1", 5000, 0x10)));
  }
}
