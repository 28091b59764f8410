package dev.cordon.controller.api;

import dev.cordon.controller.gateways.TableProgress;
import dev.cordon.controller.registry.DeviceRecord;
import dev.cordon.proto.v1.AcknowledgeRequest;
import dev.cordon.proto.v1.AcknowledgeResponse;
import dev.cordon.proto.v1.ApplyPolicyRequest;
import dev.cordon.proto.v1.ApplyPolicyResponse;
import dev.cordon.proto.v1.DeviceTableUpdate;
import dev.cordon.proto.v1.DiffPolicyRequest;
import dev.cordon.proto.v1.DiffPolicyResponse;
import dev.cordon.proto.v1.GatewayTableUpdate;
import dev.cordon.proto.v1.GetPolicyRequest;
import dev.cordon.proto.v1.ListPolicyVersionsRequest;
import dev.cordon.proto.v1.ListPolicyVersionsResponse;
import dev.cordon.proto.v1.PolicyDocument;
import dev.cordon.proto.v1.QueryEventsRequest;
import dev.cordon.proto.v1.QueryEventsResponse;
import dev.cordon.proto.v1.ReportTelemetryResponse;
import dev.cordon.proto.v1.SyncTableRequest;
import dev.cordon.proto.v1.TelemetryBatch;
import dev.cordon.proto.v1.WatchTableRequest;
import dev.cordon.proto.v1.WhatIfAnswer;
import dev.cordon.proto.v1.WhatIfQuery;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.util.List;
import java.util.function.Function;

/**
 * The seam for the policy side: every policy, table, telemetry and event RPC goes through here. The
 * default methods answer UNIMPLEMENTED; the policy helper implements this interface (mapping to its
 * own domain services) and passes it to {@link ControllerServer.Builder#tableSide}. The caller is
 * already authenticated and authorized; {@link Caller#current()} names it.
 */
public interface TableSide {

  /** The controller without a policy side: every call here answers UNIMPLEMENTED. */
  TableSide NOT_YET = new TableSide() {};

  /**
   * Resolves devices' segments as the current policy does (explicit members, token segments, label
   * selectors; only the quarantine segment while quarantined); one resolver serves a whole listing.
   * Without a policy side: the segments the enrollment token named.
   */
  default Function<DeviceRecord, List<String>> membership() {
    return DeviceRecord::segments;
  }

  default void applyPolicy(ApplyPolicyRequest request, StreamObserver<ApplyPolicyResponse> out) {
    unimplemented(out, "ApplyPolicy");
  }

  default void diffPolicy(DiffPolicyRequest request, StreamObserver<DiffPolicyResponse> out) {
    unimplemented(out, "DiffPolicy");
  }

  default void getPolicy(GetPolicyRequest request, StreamObserver<PolicyDocument> out) {
    unimplemented(out, "GetPolicy");
  }

  default void listPolicyVersions(
      ListPolicyVersionsRequest request, StreamObserver<ListPolicyVersionsResponse> out) {
    unimplemented(out, "ListPolicyVersions");
  }

  default void testPolicy(WhatIfQuery request, StreamObserver<WhatIfAnswer> out) {
    unimplemented(out, "TestPolicy");
  }

  default void queryEvents(QueryEventsRequest request, StreamObserver<QueryEventsResponse> out) {
    unimplemented(out, "QueryEvents");
  }

  default void syncDeviceTable(SyncTableRequest request, StreamObserver<DeviceTableUpdate> out) {
    unimplemented(out, "SyncTable");
  }

  default void watchGatewayTable(
      WatchTableRequest request, StreamObserver<GatewayTableUpdate> out) {
    unimplemented(out, "WatchTable");
  }

  default void acknowledge(AcknowledgeRequest request, StreamObserver<AcknowledgeResponse> out) {
    unimplemented(out, "Acknowledge");
  }

  default StreamObserver<TelemetryBatch> reportTelemetry(
      StreamObserver<ReportTelemetryResponse> out) {
    unimplemented(out, "ReportTelemetry");
    return new StreamObserver<>() {
      @Override
      public void onNext(TelemetryBatch value) {}

      @Override
      public void onError(Throwable t) {}

      @Override
      public void onCompleted() {}
    };
  }

  /**
   * What the table side knows of {@code gateway} for status views: the target version and peer
   * count of the table compiled for it, and its newest acknowledgement. Read-only; safe to retry.
   */
  default TableProgress gatewayProgress(String gateway) {
    return TableProgress.UNKNOWN;
  }

  private static void unimplemented(StreamObserver<?> out, String method) {
    out.onError(
        Status.UNIMPLEMENTED
            .withDescription(method + " is served by the policy side, not installed here")
            .asRuntimeException());
  }
}
