package dev.cordon.gateway.table;

import static dev.cordon.gateway.support.Tables.*;
import static org.junit.jupiter.api.Assertions.*;

import com.google.protobuf.ByteString;
import dev.cordon.gateway.enforce.DropCounters;
import dev.cordon.gateway.enforce.DropReason;
import dev.cordon.gateway.enforce.Enforcer;
import dev.cordon.gateway.enforce.PeerKey;
import dev.cordon.gateway.enforce.PeerSlot;
import dev.cordon.gateway.enforce.PolicySnapshot;
import dev.cordon.gateway.packet.IpHeaders;
import dev.cordon.gateway.packet.Packets;
import dev.cordon.gateway.support.Recorder;
import dev.cordon.proto.v1.DeviceStatus;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TableApplierTest {
  static final long NOW = 1_780_000_000_000L;
  final Recorder device = new Recorder();
  final GatewayTableState state = new GatewayTableState("edge");
  final Enforcer enforcer =
      new Enforcer(PolicySnapshot.empty(), 100, new DropCounters(), n -> true, device);
  final TableApplier applier =
      new TableApplier(
          state, device, enforcer, new LatencyHistogram(), () -> NOW, System::nanoTime);
  final IpHeaders h = new IpHeaders();
  final byte[] syn = Packets.tcp("100.64.0.1", 40000, "10.10.1.20", 443, 0x02);
  final byte[] ack = Packets.tcp("100.64.0.1", 40000, "10.10.1.20", 443, 0x10);

  @BeforeEach
  void load() throws Exception {
    apply(
        snapshot(
            5,
            List.of(
                active(1, "cam-1", "100.64.0.1", "cameras"),
                active(2, "cam-2", "100.64.0.2", "cameras")),
            List.of(
                allowTcp("cams-to-video", "cameras", "10.10.1.0/24", 443),
                allowTcp("quarantine-reach", "quarantine", "10.10.9.9/32", 443))));
    device.events.clear();
  }

  Applied apply(dev.cordon.proto.v1.GatewayTableUpdate u) throws Exception {
    return applier.apply(u, System.nanoTime(), NOW, (v, r, a) -> device.events.add("ack " + v));
  }

  PeerSlot slot(int k) {
    return state.slot(new PeerKey(key(k)));
  }

  DropReason out(PeerSlot s, byte[] p) {
    return enforcer.outside(s, p, 0, p.length, h, NOW);
  }

  @Test
  void aSnapshotAddsEveryAuthorizedPeerToTheDeviceWithItsOverlayRoute() throws Exception {
    var fresh = new Recorder();
    var st = new GatewayTableState("edge");
    var e = new Enforcer(PolicySnapshot.empty(), 10, new DropCounters(), n -> true, fresh);
    new TableApplier(st, fresh, e, new LatencyHistogram(), () -> NOW, System::nanoTime)
        .apply(
            snapshot(
                1,
                List.of(
                    active(1, "cam-1", "100.64.0.1", "cameras"),
                    peer(9, "new-1", "100.64.0.9", DeviceStatus.DEVICE_STATUS_PENDING).build()),
                List.of()),
            0,
            NOW,
            (v, r, a) -> fresh.events.add("ack " + v));
    assertEquals(List.of("add cam-1 [100.64.0.1/32]", "ack 1"), fresh.events);
    assertNull(st.slot(new PeerKey(key(9))), "a pending device gets no session");
  }

  @Test
  void aQuarantineDeltaReChecksALiveFlowFromAllowedToDenied() throws Exception {
    assertNull(out(slot(1), syn));
    PeerSlot before = slot(1);
    apply(
        update(
            delta(5, 6)
                .addChangedPeers(
                    peer(
                        1,
                        "cam-1",
                        "100.64.0.1",
                        DeviceStatus.DEVICE_STATUS_QUARANTINED,
                        "quarantine"))));
    assertEquals(
        List.of("cut QUARANTINED", "ack 6"),
        device.events,
        "the session stays: a stock peer would not re-handshake for 15 s or more");
    assertSame(before, slot(1), "the same slot, now holding the quarantined entry");
    assertEquals(0, enforcer.flows(), "the live flow was cut before the ack");
    assertEquals(DropReason.QUARANTINED, out(slot(1), ack));
    assertNull(
        out(slot(1), Packets.tcp("100.64.0.1", 40001, "10.10.9.9", 443, 2)),
        "the quarantine segment's reach still passes");
  }

  @Test
  void aSegmentChangeReChecksTheLiveFlowAtItsNextPacket() throws Exception {
    assertNull(out(slot(1), syn));
    apply(update(delta(5, 6).addChangedPeers(active(1, "cam-1", "100.64.0.1", "printers"))));
    assertEquals(List.of("ack 6"), device.events, "no session change for a segment change");
    assertEquals(DropReason.NO_MATCHING_RULE, out(slot(1), ack));
  }

  @Test
  void revocationRemovesThePeerAndPurgesItsFlowsBeforeTheAcknowledgement() throws Exception {
    assertNull(out(slot(1), syn));
    assertNull(out(slot(2), Packets.tcp("100.64.0.2", 1, "10.10.1.20", 443, 2)));
    PeerSlot old = slot(1);
    apply(
        update(
            delta(5, 6)
                .addChangedPeers(
                    peer(1, "cam-1", "100.64.0.1", DeviceStatus.DEVICE_STATUS_REVOKED))));
    assertEquals(List.of("remove cam-1", "cut REVOKED", "ack 6"), device.events);
    assertEquals(1, enforcer.flows(), "cam-2's flow lives on");
    assertNull(slot(1));
    assertEquals(DropReason.UNKNOWN_PEER, out(old, ack), "in-flight packets die with the slot");
  }

  @Test
  void revokingAPeerThatRoutesAPrefixCutsTheFlowsFromBehindIt() throws Exception {
    apply(
        update(
            delta(5, 6)
                .addAddedPeers(
                    peer(3, "router-1", "100.64.0.3", DeviceStatus.DEVICE_STATUS_ACTIVE, "cameras")
                        .addAllowedSourcePrefixes(prefix("10.99.0.0/24")))));
    assertNull(out(slot(3), Packets.tcp("10.99.0.5", 40000, "10.10.1.20", 443, 2)));
    assertNull(out(slot(1), syn));
    device.events.clear();
    apply(
        update(
            delta(6, 7)
                .addChangedPeers(
                    peer(3, "router-1", "100.64.0.3", DeviceStatus.DEVICE_STATUS_REVOKED)
                        .addAllowedSourcePrefixes(prefix("10.99.0.0/24")))));
    assertEquals(List.of("remove router-1", "cut REVOKED", "ack 7"), device.events);
    assertEquals(1, enforcer.flows(), "only cam-1's flow lives on");
  }

  @Test
  void aRemovedKeyLosesItsSessionAndFlows() throws Exception {
    assertNull(out(slot(2), Packets.tcp("100.64.0.2", 1, "10.10.1.20", 443, 2)));
    apply(update(delta(5, 7).addRemovedPeerKeys(ByteString.copyFrom(key(2)))));
    assertEquals(List.of("remove cam-2", "cut UNKNOWN_SOURCE", "ack 7"), device.events);
  }

  @Test
  void aRemovalTheControllerNamesARevocationIsEnforcedAsARemovalAndReportedAsRevoked()
      throws Exception {
    Applied a =
        apply(
            update(
                delta(5, 7)
                    .addRemovedPeerKeys(ByteString.copyFrom(key(2)))
                    .addRevokedPeerKeys(ByteString.copyFrom(key(2)))));
    assertEquals(List.of("remove cam-2", "ack 7"), device.events);
    assertEquals(java.util.Set.of(new PeerKey(key(2))), a.revoked());
    assertNull(slot(2));
  }

  @Test
  void aDeltaFromAnotherVersionIsRefusedAndChangesNothing() {
    var wrong =
        update(
            delta(4, 6)
                .addChangedPeers(
                    peer(1, "cam-1", "100.64.0.1", DeviceStatus.DEVICE_STATUS_REVOKED)));
    ResyncNeeded e = assertThrows(ResyncNeeded.class, () -> apply(wrong));
    assertEquals(5, e.held());
    assertEquals(5, state.version());
    assertEquals(List.of(), device.events, "no device change, no ack");
    assertNotNull(slot(1));
  }

  @Test
  void aDeltaWithABadRuleIsRefusedWhole() {
    var bad =
        update(
            delta(5, 6)
                .addChangedPeers(peer(1, "cam-1", "100.64.0.1", DeviceStatus.DEVICE_STATUS_REVOKED))
                .addAddedRules(dev.cordon.proto.v1.FlowRule.newBuilder().setRuleId("x")));
    assertThrows(TableException.class, () -> apply(bad));
    assertEquals(5, state.version());
    assertNotNull(slot(1), "cam-1 is still active");
  }

  @Test
  void newRulesApplyAndRemovedRulesStopAllowing() throws Exception {
    byte[] ssh = Packets.tcp("100.64.0.1", 5, "10.10.1.20", 22, 2);
    assertEquals(DropReason.NO_MATCHING_RULE, out(slot(1), ssh));
    apply(update(delta(5, 6).addAddedRules(allowTcp("ssh", "cameras", "10.10.1.0/24", 22))));
    assertNull(out(slot(1), ssh));
    apply(update(delta(6, 7).addRemovedRuleIds("ssh")));
    assertEquals(
        DropReason.NO_MATCHING_RULE,
        out(slot(1), Packets.tcp("100.64.0.1", 6, "10.10.1.20", 22, 2)));
    assertEquals(3, applier.latency().count());
  }
}
