package dev.cordon.controller.telemetry;

import static dev.cordon.controller.telemetry.Records.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cordon.controller.testing.MutableClock;
import dev.cordon.proto.v1.FlowRecord;
import dev.cordon.proto.v1.ReportTelemetryResponse;
import dev.cordon.proto.v1.SecurityEvent;
import dev.cordon.proto.v1.TelemetryBatch;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.util.List;
import org.junit.jupiter.api.Test;

class TelemetryIntakeTest {

  private final MutableClock clock = new MutableClock(T0);
  private final Telemetry telemetry =
      Telemetry.inMemory(clock, TelemetryLimits.DEFAULT.withBatch(3, 2));

  private List<SecurityEvent> logged() {
    return telemetry.query(EventQuery.all(1000)).events();
  }

  @Test
  void recordsAreAttributedToTheSessionsGatewayWhateverTheyClaim() {
    Responses<ReportTelemetryResponse> out = new Responses<>();
    StreamObserver<TelemetryBatch> in = telemetry.intake(Records.gateway("hq"), out);
    in.onNext(
        TelemetryBatch.newBuilder()
            .addFlows(Records.allowed("f1", "d-1", T0).setGateway("branch"))
            .addEvents(
                Records.spoofing("e1", "d-1", T0)
                    .setReporter(Records.gateway("branch"))
                    .setResponse("quarantined by nobody"))
            .build());
    in.onCompleted();

    SecurityEvent flow = logged().get(0);
    assertEquals("hq", flow.getReporter().getName(), "the TLS session's gateway reported it");
    assertEquals("hq", flow.getAttributesOrThrow("gateway"), "not the 'branch' it claimed");
    assertTrue(flow.getEventId().startsWith("hq/flow/f1/"), flow.getEventId());
    SecurityEvent event = logged().get(1);
    assertEquals("hq", event.getReporter().getName());
    assertEquals("hq/e1", event.getEventId(), "ids are made unique by the reporter's name");
    assertEquals("", event.getResponse(), "only the controller says what it did");
    assertEquals(
        List.of(
            ReportTelemetryResponse.newBuilder().setAcceptedFlows(1).setAcceptedEvents(1).build()),
        out.values);
    assertTrue(out.completed);
  }

  @Test
  void aFlowRecordKeepsVerdictReasonRuleIdentitiesAndCounts() {
    StreamObserver<TelemetryBatch> in = telemetry.intake(Records.gateway("hq"), new Responses<>());
    in.onNext(
        TelemetryBatch.newBuilder()
            .addFlows(Records.allowed("f1", "d-1", T0))
            .addFlows(Records.denied("f2", "d-2", T0))
            .build());

    SecurityEvent allowed = logged().get(0);
    assertEquals("allow", allowed.getAttributesOrThrow("verdict"));
    assertEquals("web", allowed.getAttributesOrThrow("rule"));
    assertEquals("d-1", allowed.getSubject().getName());
    assertEquals("100.64.0.2:40000", allowed.getAttributesOrThrow("source"));
    assertEquals("10.20.0.5:443", allowed.getAttributesOrThrow("destination"));
    assertEquals("intranet", allowed.getAttributesOrThrow("destination_service"));
    assertEquals("1200", allowed.getAttributesOrThrow("bytes_sent"));
    assertEquals("12", allowed.getAttributesOrThrow("packets_received"));
    assertEquals(T0.toString(), allowed.getAttributesOrThrow("start"));
    assertEquals(
        "tcp 100.64.0.2:40000 -> 10.20.0.5:443 allowed by rule web", allowed.getDescription());
    SecurityEvent denied = logged().get(1);
    assertEquals("deny", denied.getAttributesOrThrow("verdict"));
    assertEquals("no_matching_rule", denied.getAttributesOrThrow("reason"));
    assertFalse(denied.containsAttributes("rule"), "the default deny has no rule");
    assertEquals(
        "tcp 100.64.0.2:40000 -> 10.20.0.5:443 denied (no_matching_rule)", denied.getDescription());
  }

  @Test
  void aBatchOverTheFlowLimitEndsTheStreamSayingWhyAndKeepsEarlierBatches() {
    Responses<ReportTelemetryResponse> out = new Responses<>();
    StreamObserver<TelemetryBatch> in = telemetry.intake(Records.gateway("hq"), out);
    in.onNext(TelemetryBatch.newBuilder().addFlows(Records.allowed("f1", "d-1", T0)).build());
    TelemetryBatch.Builder big = TelemetryBatch.newBuilder();
    for (int i = 0; i < 4; i++) {
      big.addFlows(Records.allowed("big" + i, "d-1", T0));
    }
    in.onNext(big.build());
    in.onNext(TelemetryBatch.newBuilder().addFlows(Records.allowed("f9", "d-1", T0)).build());
    in.onCompleted();

    Status status = Status.fromThrowable(out.error);
    assertEquals(Status.Code.RESOURCE_EXHAUSTED, status.getCode());
    assertEquals(
        "telemetry batch of 4 flow records is over the limit of 3 per batch; send smaller batches",
        status.getDescription());
    assertTrue(out.values.isEmpty(), "no summary after a refusal");
    assertEquals(1, logged().size(), "the batch before stays, the refused one and later go");
    assertEquals(4, telemetry.metrics().dropped(TelemetryMetrics.Drop.BATCH_OVER_LIMIT));
  }

  @Test
  void aBatchOverTheEventLimitIsRefusedSayingWhy() {
    TelemetryBatch.Builder batch = TelemetryBatch.newBuilder();
    for (int i = 0; i < 3; i++) {
      batch.addEvents(Records.spoofing("e" + i, "d-1", T0));
    }
    assertEquals(
        "telemetry batch of 3 security events is over the limit of 2 per batch; send smaller"
            + " batches",
        TelemetryIntake.refusal(batch.build(), telemetry.limits()));
  }

  @Test
  void anOversizedRecordIsRefusedSayingHowBigItWas() {
    FlowRecord huge = Records.allowed("huge", "d-1", T0).setRuleId("r".repeat(5000)).build();
    String refusal =
        TelemetryIntake.refusal(
            TelemetryBatch.newBuilder().addFlows(huge).build(), TelemetryLimits.DEFAULT);
    assertEquals(
        "flow record huge is %d bytes, over the limit of 4096 bytes per record"
            .formatted(huge.getSerializedSize()),
        refusal);
    assertNull(
        TelemetryIntake.refusal(
            TelemetryBatch.newBuilder().addFlows(Records.allowed("f", "d", T0)).build(),
            TelemetryLimits.DEFAULT));
  }

  @Test
  void metricsCountWhatWasReceivedAndWhatTheGatewayLost() {
    StreamObserver<TelemetryBatch> in = telemetry.intake(Records.gateway("hq"), new Responses<>());
    in.onNext(
        TelemetryBatch.newBuilder()
            .addFlows(Records.allowed("f1", "d-1", T0))
            .addEvents(Records.spoofing("e1", "d-1", T0))
            .setDroppedFlows(17)
            .build());

    String text = telemetry.metrics().exposition();
    assertTrue(
        text.contains("cordon_controller_telemetry_received_total{record=\"flow\"} 1\n"), text);
    assertTrue(
        text.contains("cordon_controller_telemetry_received_total{record=\"event\"} 1\n"), text);
    assertTrue(
        text.contains(
            "cordon_controller_telemetry_dropped_total{reason=\"gateway_buffer_full\"} 17\n"),
        text);
    assertTrue(text.contains("cordon_controller_telemetry_log_entries 2\n"), text);
    assertTrue(text.contains("cordon_controller_telemetry_devices 1\n"), text);
  }
}
