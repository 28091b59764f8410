package dev.cordon.gateway.telemetry;

import static dev.cordon.gateway.support.Tables.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.cordon.gateway.enforce.DropCounters;
import dev.cordon.gateway.enforce.Enforcer;
import dev.cordon.gateway.enforce.PeerKey;
import dev.cordon.gateway.enforce.PolicySnapshot;
import dev.cordon.gateway.packet.IpHeaders;
import dev.cordon.gateway.packet.Packets;
import dev.cordon.gateway.support.Recorder;
import dev.cordon.gateway.table.GatewayTableState;
import dev.cordon.gateway.table.LatencyHistogram;
import dev.cordon.gateway.table.TableApplier;
import dev.cordon.proto.v1.DenyReason;
import dev.cordon.proto.v1.DeviceStatus;
import dev.cordon.proto.v1.FlowRecord;
import dev.cordon.proto.v1.TelemetryBatch;
import dev.cordon.proto.v1.Verdict;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FlowLedgerTest {
  static final long NOW = 1_780_000_000_000L;
  final FlowQueue queue = new FlowQueue(100);
  final List<TelemetryBatch> sent = new ArrayList<>();
  boolean sinkReady = true;
  final TelemetryReporter.Sink sink =
      new TelemetryReporter.Sink() {
        public boolean ready() {
          return sinkReady;
        }

        public void send(TelemetryBatch b) {
          sent.add(b);
        }
      };
  final GatewayTableState state = new GatewayTableState("edge");
  final Recorder device = new Recorder();
  final IpHeaders h = new IpHeaders();
  Enforcer enforcer;
  FlowLedger ledger;
  TableApplier applier;

  @BeforeEach
  void load() throws Exception {
    ledger = new FlowLedger("edge", () -> enforcer.policy(), queue, 60_000);
    enforcer = new Enforcer(PolicySnapshot.empty(), 1000, new DropCounters(), n -> true, ledger);
    applier =
        new TableApplier(
            state, device, enforcer, new LatencyHistogram(), () -> NOW, System::nanoTime);
    applier.apply(
        snapshot(
            1,
            List.of(active(1, "cam-1", "100.64.0.1", "cameras")),
            List.of(allowTcp("cams-to-video", "cameras", "10.10.1.0/24", 443))),
        System.nanoTime(),
        NOW,
        (v, r, a) -> {});
  }

  void outside(byte[] p, long now) {
    enforcer.outside(state.slot(new PeerKey(key(1))), p, 0, p.length, h, now);
  }

  void inside(byte[] p, long now) {
    enforcer.inside(p, 0, p.length, h, now);
  }

  @Test
  void anExpiredFlowIsRecordedOnceWithBytesPacketsRuleAndIdentities() {
    byte[] syn = Packets.tcp("100.64.0.1", 5000, "10.10.1.5", 443, 0x02);
    byte[] synAck = Packets.tcp("10.10.1.5", 443, "100.64.0.1", 5000, 0x12);
    outside(syn, NOW);
    inside(synAck, NOW + 10);
    assertEquals(0, new TelemetryReporter(ledger, queue, sink, 10).tick(NOW + 20));
    assertEquals(1, ledger.live());

    int n = new TelemetryReporter(ledger, queue, sink, 10).tick(NOW + 24 * 3600_000L);
    assertEquals(1, n);
    FlowRecord r = sent.getLast().getFlows(0);
    assertTrue(r.getEnded());
    assertEquals(Verdict.VERDICT_ALLOW, r.getVerdict());
    assertEquals(1, r.getPacketsSent());
    assertEquals(1, r.getPacketsReceived());
    assertEquals(syn.length, r.getBytesSent());
    assertEquals(synAck.length, r.getBytesReceived());
    assertTrue(r.getRuleId().startsWith("cams-to-video"), r.getRuleId());
    assertEquals("cam-1", r.getSourceIdentity().getName());
    assertEquals("cams-to-video-svc", r.getDestinationService());
    assertEquals(NOW, r.getStart().getSeconds() * 1000 + r.getStart().getNanos() / 1_000_000);
    assertEquals(1, r.getTableVersion());
    assertEquals(0, ledger.live());
  }

  @Test
  void aDeniedFirstPacketIsRecordedAtOnceWithItsReason() {
    outside(Packets.tcp("100.64.0.1", 5000, "10.10.9.9", 22, 0x02), NOW);
    new TelemetryReporter(ledger, queue, sink, 10).tick(NOW + 1);
    FlowRecord r = sent.getLast().getFlows(0);
    assertEquals(Verdict.VERDICT_DENY, r.getVerdict());
    assertEquals(DenyReason.DENY_REASON_NO_MATCHING_RULE, r.getDenyReason());
    assertTrue(r.getEnded());
  }

  @Test
  void aFlowCutByRevocationIsRecordedAsEndedWithTheCutReason() throws Exception {
    outside(Packets.tcp("100.64.0.1", 5000, "10.10.1.5", 443, 0x02), NOW);
    applier.apply(
        update(
            delta(1, 2)
                .addChangedPeers(
                    peer(1, "cam-1", "100.64.0.1", DeviceStatus.DEVICE_STATUS_REVOKED, "cameras"))),
        System.nanoTime(),
        NOW,
        (v, r, a) -> {});
    new TelemetryReporter(ledger, queue, sink, 10).tick(NOW + 1);
    FlowRecord r = sent.getLast().getFlows(0);
    assertTrue(r.getEnded());
    assertEquals(DenyReason.DENY_REASON_REVOKED, r.getDenyReason());
    assertEquals(0, ledger.live());
  }

  @Test
  void recordsGoInBatchesOfAtMostTheBatchSize() {
    for (int i = 0; i < 25; i++) {
      outside(Packets.tcp("100.64.0.1", 5000 + i, "10.10.9.9", 22, 0x02), NOW);
    }
    assertEquals(25, new TelemetryReporter(ledger, queue, sink, 10).tick(NOW + 1));
    assertEquals(List.of(10, 10, 5), sent.stream().map(TelemetryBatch::getFlowsCount).toList());
  }

  @Test
  void aFullQueueDropsTheOldestAndTheNextBatchCountsTheDrops() {
    FlowQueue small = new FlowQueue(3);
    for (int i = 0; i < 5; i++) small.offer(FlowRecord.newBuilder().setFlowId("f" + i).build());
    new TelemetryReporter(ledger, small, sink, 10).tick(NOW);
    TelemetryBatch b = sent.getLast();
    assertEquals(
        List.of("f2", "f3", "f4"), b.getFlowsList().stream().map(FlowRecord::getFlowId).toList());
    assertEquals(2, b.getDroppedFlows());
    assertEquals(0, small.takeDropped());
  }

  @Test
  void aSinkThatCannotTakeABatchLeavesTheRecordsQueued() {
    sinkReady = false;
    outside(Packets.tcp("100.64.0.1", 5000, "10.10.9.9", 22, 0x02), NOW);
    assertEquals(0, new TelemetryReporter(ledger, queue, sink, 10).tick(NOW + 1));
    assertEquals(1, queue.size());
    sinkReady = true;
    assertEquals(1, new TelemetryReporter(ledger, queue, sink, 10).tick(NOW + 2));
    assertEquals(0, queue.size());
  }
}
