package dev.cordon.gateway.enforce;

import static dev.cordon.gateway.support.Tables.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.cordon.gateway.packet.IpHeaders;
import dev.cordon.gateway.packet.Packets;
import dev.cordon.gateway.support.Recorder;
import dev.cordon.gateway.table.GatewayTableState;
import dev.cordon.gateway.table.LatencyHistogram;
import dev.cordon.gateway.table.TableApplier;
import dev.cordon.proto.v1.DenyReason;
import dev.cordon.proto.v1.DeviceStatus;
import dev.cordon.proto.v1.UnmetCondition;
import dev.cordon.proto.v1.Verdict;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EnforcerTest {
  static final long NOW = 1_780_000_000_000L;
  final Recorder device = new Recorder();
  final AtomicBoolean fresh = new AtomicBoolean(true);
  final GatewayTableState state = new GatewayTableState("edge");
  Enforcer enforcer;
  final IpHeaders h = new IpHeaders();

  @BeforeEach
  void load() throws Exception {
    enforcer =
        new Enforcer(PolicySnapshot.empty(), 1000, new DropCounters(), n -> fresh.get(), device);
    var applier =
        new TableApplier(
            state, device, enforcer, new LatencyHistogram(), () -> NOW, System::nanoTime);
    applier.apply(
        snapshot(
            1,
            List.of(
                active(1, "cam-1", "100.64.0.1", "cameras"),
                active(2, "cam-2", "100.64.0.2", "cameras"),
                peer(3, "hvac-1", "100.64.0.3", DeviceStatus.DEVICE_STATUS_ACTIVE, "hvac")
                    .addUnmetConditions(
                        UnmetCondition.newBuilder()
                            .setRuleId("hvac-in")
                            .setReason(DenyReason.DENY_REASON_POSTURE))
                    .build()),
            List.of(
                allowTcp("cams-to-video", "cameras", "10.10.1.0/24", 443),
                rule("no-admin", Verdict.VERDICT_DENY, "cameras", "10.10.1.99/32").build(),
                rule("cams-admin", Verdict.VERDICT_ALLOW, "cameras", "10.10.1.99/32").build(),
                allowTcp("hvac-in", "hvac", "10.10.2.0/24", 8080))),
        System.nanoTime(),
        NOW,
        (v, r, a) -> {});
  }

  PeerSlot slot(int key) {
    return state.slot(new PeerKey(key(key)));
  }

  DropReason out(int key, byte[] p) {
    return enforcer.outside(slot(key), p, 0, p.length, h, NOW);
  }

  DropReason in(byte[] p) {
    return enforcer.inside(p, 0, p.length, h, NOW);
  }

  @Test
  void anAllowedFirstPacketPassesAndIsTracked() {
    assertNull(out(1, Packets.tcp("100.64.0.1", 40000, "10.10.1.20", 443, 0x02)));
    assertEquals(1, enforcer.flows());
  }

  @Test
  void aSpoofedSourceIsDroppedAsSpoofedEvenWhenPolicyWouldAllowIt() {
    // cam-2's address, sent under cam-1's key: policy allows cam-2 to 10.10.1.20:443.
    assertEquals(
        DropReason.SPOOFED_SOURCE, out(1, Packets.tcp("100.64.0.2", 40000, "10.10.1.20", 443, 2)));
    assertEquals(1, enforcer.drops().get(DropReason.SPOOFED_SOURCE));
    assertEquals(0, enforcer.flows());
  }

  @Test
  void theReplyOfAnAllowedFlowPassesFromInsideButUnsolicitedInsideTrafficDoesNot() {
    assertNull(out(1, Packets.tcp("100.64.0.1", 40000, "10.10.1.20", 443, 0x02)));
    assertNull(in(Packets.tcp("10.10.1.20", 443, "100.64.0.1", 40000, 0x12)));
    assertEquals(
        DropReason.NO_TRACKED_FLOW, in(Packets.tcp("10.10.1.20", 443, "100.64.0.1", 40001, 0x12)));
    assertEquals(
        DropReason.NO_TRACKED_FLOW, in(Packets.tcp("10.10.1.20", 22, "100.64.0.2", 5000, 0x02)));
    assertEquals(2, enforcer.drops().get(DropReason.NO_TRACKED_FLOW));
  }

  @Test
  void echoRepliesMatchTheirRequest() {
    assertEquals(
        DropReason.NO_MATCHING_RULE, out(1, Packets.echo("100.64.0.1", "10.10.1.20", 7, false)));
    assertEquals(DropReason.NO_TRACKED_FLOW, in(Packets.echo("10.10.1.20", "100.64.0.1", 7, true)));
  }

  @Test
  void anExplicitDenyWinsOverAnAllowForTheSameFlow() {
    assertEquals(
        DropReason.EXPLICIT_DENY, out(1, Packets.tcp("100.64.0.1", 40000, "10.10.1.99", 443, 2)));
    assertEquals(1, enforcer.drops().get(DropReason.EXPLICIT_DENY));
  }

  @Test
  void everyDenyIsCountedUnderItsOwnReason() {
    out(1, Packets.tcp("100.64.0.1", 40000, "10.10.1.20", 22, 2));
    out(1, Packets.tcp("100.64.0.1", 40000, "192.0.2.1", 443, 2));
    byte[] junk = {0x45, 0, 0};
    out(1, junk);
    var counts = enforcer.drops().snapshot();
    assertEquals(1, counts.get(DropReason.NO_MATCHING_RULE));
    assertEquals(1, counts.get(DropReason.UNKNOWN_DESTINATION));
    assertEquals(1, counts.get(DropReason.MALFORMED));
    assertEquals(0, counts.get(DropReason.EXPLICIT_DENY));
    assertEquals(3, slot(1).counters().drops());
  }

  @Test
  void anUnmetPostureConditionDeniesWithThatReasonAndRule() {
    assertEquals(
        DropReason.POSTURE_FAILED, out(3, Packets.tcp("100.64.0.3", 4000, "10.10.2.5", 8080, 2)));
  }

  @Test
  void pastTheFailStaticBoundNewFlowsAreRefusedButEstablishedOnesContinue() {
    assertNull(out(1, Packets.tcp("100.64.0.1", 40000, "10.10.1.20", 443, 0x02)));
    fresh.set(false);
    assertNull(out(1, Packets.tcp("100.64.0.1", 40000, "10.10.1.20", 443, 0x10)));
    assertNull(in(Packets.tcp("10.10.1.20", 443, "100.64.0.1", 40000, 0x10)));
    assertEquals(
        DropReason.STALE_TABLE, out(2, Packets.tcp("100.64.0.2", 40000, "10.10.1.20", 443, 2)));
  }
}
