package dev.cordon.controller.telemetry;

import dev.cordon.proto.v1.FlowRecord;
import dev.cordon.proto.v1.Identity;
import dev.cordon.proto.v1.ReportTelemetryResponse;
import dev.cordon.proto.v1.SecurityEvent;
import dev.cordon.proto.v1.TelemetryBatch;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.util.ArrayList;
import java.util.List;

/**
 * One ReportTelemetry stream from one gateway. Each batch is checked whole before any of it is
 * kept: a batch over a limit ends the stream with RESOURCE_EXHAUSTED saying which limit, and the
 * batches before it stay stored. The stream holds two counters, nothing else, whatever its length.
 */
final class TelemetryIntake implements StreamObserver<TelemetryBatch> {

  private final Telemetry telemetry;
  private final Identity gateway;
  private final StreamObserver<ReportTelemetryResponse> out;
  private long acceptedFlows;
  private long acceptedEvents;
  private boolean ended;

  TelemetryIntake(
      Telemetry telemetry, Identity gateway, StreamObserver<ReportTelemetryResponse> out) {
    this.telemetry = telemetry;
    this.gateway = gateway;
    this.out = out;
  }

  @Override
  public void onNext(TelemetryBatch batch) {
    if (ended) {
      return;
    }
    String refusal = refusal(batch, telemetry.limits());
    if (refusal != null) {
      ended = true;
      telemetry.metrics().dropped(TelemetryMetrics.Drop.BATCH_OVER_LIMIT, records(batch));
      out.onError(Status.RESOURCE_EXHAUSTED.withDescription(refusal).asRuntimeException());
      return;
    }
    List<FlowRecord> flows = new ArrayList<>(batch.getFlowsCount());
    for (FlowRecord flow : batch.getFlowsList()) {
      flows.add(Attribution.flow(flow, gateway));
    }
    List<SecurityEvent> events = new ArrayList<>(batch.getEventsCount());
    for (SecurityEvent event : batch.getEventsList()) {
      events.add(Attribution.event(event, gateway));
    }
    telemetry.accept(gateway, flows, events, batch.getDroppedFlows());
    acceptedFlows += flows.size();
    acceptedEvents += events.size();
  }

  /** Why the batch is refused, in words for the gateway's operator; null when it is fine. */
  static String refusal(TelemetryBatch batch, TelemetryLimits limits) {
    if (batch.getFlowsCount() > limits.maxFlowsPerBatch()) {
      return "telemetry batch of %d flow records is over the limit of %d per batch; send smaller batches"
          .formatted(batch.getFlowsCount(), limits.maxFlowsPerBatch());
    }
    if (batch.getEventsCount() > limits.maxEventsPerBatch()) {
      return "telemetry batch of %d security events is over the limit of %d per batch; send smaller batches"
          .formatted(batch.getEventsCount(), limits.maxEventsPerBatch());
    }
    for (FlowRecord flow : batch.getFlowsList()) {
      if (flow.getSerializedSize() > limits.maxRecordBytes()) {
        return tooBig("flow record " + flow.getFlowId(), flow.getSerializedSize(), limits);
      }
    }
    for (SecurityEvent event : batch.getEventsList()) {
      if (event.getSerializedSize() > limits.maxRecordBytes()) {
        return tooBig("security event " + event.getEventId(), event.getSerializedSize(), limits);
      }
    }
    return null;
  }

  private static String tooBig(String what, int bytes, TelemetryLimits limits) {
    String shown = what.length() > 80 ? what.substring(0, 80) + "..." : what;
    return "%s is %d bytes, over the limit of %d bytes per record"
        .formatted(shown, bytes, limits.maxRecordBytes());
  }

  private static long records(TelemetryBatch batch) {
    return (long) batch.getFlowsCount() + batch.getEventsCount();
  }

  @Override
  public void onError(Throwable t) {
    // The gateway went away; what it sent before stays stored (records are at most once).
    ended = true;
  }

  @Override
  public void onCompleted() {
    if (ended) {
      return;
    }
    ended = true;
    out.onNext(
        ReportTelemetryResponse.newBuilder()
            .setAcceptedFlows(acceptedFlows)
            .setAcceptedEvents(acceptedEvents)
            .build());
    out.onCompleted();
  }
}
