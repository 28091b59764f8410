package dev.cordon.controller.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cordon.controller.ca.PrincipalKind;
import dev.cordon.controller.enroll.Enrolled;
import dev.cordon.controller.enroll.TokenSpec;
import dev.cordon.controller.registry.AdminRole;
import dev.cordon.controller.telemetry.Records;
import dev.cordon.controller.testing.Fleet;
import dev.cordon.proto.v1.AdminServiceGrpc;
import dev.cordon.proto.v1.GatewayServiceGrpc;
import dev.cordon.proto.v1.PageRequest;
import dev.cordon.proto.v1.QueryEventsRequest;
import dev.cordon.proto.v1.QueryEventsResponse;
import dev.cordon.proto.v1.ReportTelemetryResponse;
import dev.cordon.proto.v1.SecurityEvent;
import dev.cordon.proto.v1.TelemetryBatch;
import io.grpc.Channel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ReportTelemetry and QueryEvents over real TLS, with real gateway, device and admin keys. */
class TelemetryGrpcTest {

  private static final Instant T = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);

  @TempDir Path dir;
  private TlsController controller;
  private Channel hq;
  private Channel device;

  @BeforeEach
  void start() throws Exception {
    controller = new TlsController(dir);
    hq = enrolled(PrincipalKind.GATEWAY, "hq");
    device = enrolled(PrincipalKind.DEVICE, "cam-1");
  }

  @AfterEach
  void stop() throws Exception {
    controller.close();
  }

  private Channel enrolled(PrincipalKind kind, String name) throws Exception {
    Fleet fleet = controller.fleet;
    Fleet.DeviceKeys keys = Fleet.deviceKeys();
    TokenSpec spec = new TokenSpec(kind, name, "", Map.of(), List.of(), Duration.ZERO, 1, false);
    Enrolled enrolled =
        fleet.enrollment().enroll(keys.request(fleet.tokens().create("", spec).token()));
    return controller.channel(new TlsController.Credential(keys.tls(), enrolled.certificate()));
  }

  private AdminServiceGrpc.AdminServiceBlockingStub admin(AdminRole role) throws Exception {
    return AdminServiceGrpc.newBlockingStub(
        controller.channel(controller.admin(role.name().toLowerCase() + "-1", role)));
  }

  /** Streams the batches, closes the stream, and returns how the controller answered. */
  private static ReportTelemetryResponse report(Channel channel, TelemetryBatch... batches)
      throws Exception {
    CompletableFuture<ReportTelemetryResponse> answer = new CompletableFuture<>();
    StreamObserver<TelemetryBatch> in =
        GatewayServiceGrpc.newStub(channel)
            .reportTelemetry(
                new StreamObserver<>() {
                  @Override
                  public void onNext(ReportTelemetryResponse value) {
                    answer.complete(value);
                  }

                  @Override
                  public void onError(Throwable t) {
                    answer.completeExceptionally(t);
                  }

                  @Override
                  public void onCompleted() {}
                });
    for (TelemetryBatch batch : batches) {
      in.onNext(batch);
    }
    in.onCompleted();
    try {
      return answer.get(10, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw (Exception) e.getCause();
    }
  }

  private static TelemetryBatch batch() {
    return TelemetryBatch.newBuilder()
        .addFlows(Records.allowed("f1", "d-1", T).setGateway("branch"))
        .addFlows(Records.denied("f2", "d-2", T.plusSeconds(1)))
        .addEvents(Records.spoofing("e1", "d-2", T.plusSeconds(2)))
        .build();
  }

  @Test
  void aGatewaysRecordsAreAttributedToItsSessionAndReadableByEveryAdminRole() throws Exception {
    ReportTelemetryResponse answer = report(hq, batch());
    assertEquals(2, answer.getAcceptedFlows());
    assertEquals(1, answer.getAcceptedEvents());

    for (AdminRole role : AdminRole.values()) {
      List<SecurityEvent> events =
          admin(role).queryEvents(QueryEventsRequest.getDefaultInstance()).getEventsList();
      assertEquals(3, events.size(), role + " reads them");
      for (SecurityEvent event : events) {
        assertEquals("hq", event.getReporter().getName(), "from the TLS session");
        assertEquals("spiffe://" + Fleet.DOMAIN + "/gateway/hq", event.getReporter().getSpiffeId());
      }
      assertEquals("hq", events.get(0).getAttributesOrThrow("gateway"), "not 'branch'");
    }
  }

  @Test
  void theControllersMetricsCountWhatGatewaysSent() throws Exception {
    report(hq, batch(), TelemetryBatch.newBuilder().setDroppedFlows(5).build());
    RpcMetrics metrics = new RpcMetrics();
    metrics.include(controller.fleet.domain.telemetry().metrics()::exposition);
    String text = metrics.exposition();
    assertTrue(
        text.contains("cordon_controller_telemetry_received_total{record=\"flow\"} 2\n"), text);
    assertTrue(
        text.contains("cordon_controller_telemetry_received_total{record=\"event\"} 1\n"), text);
    assertTrue(
        text.contains(
            "cordon_controller_telemetry_dropped_total{reason=\"gateway_buffer_full\"} 5\n"),
        text);
  }

  @Test
  void aDeviceMayNotReportTelemetry() {
    StatusRuntimeException refused =
        assertThrows(StatusRuntimeException.class, () -> report(device, batch()));
    assertEquals(Status.Code.PERMISSION_DENIED, refused.getStatus().getCode());
  }

  @Test
  void aBatchOverTheLimitEndsTheCallWithResourceExhaustedSayingWhy() {
    TelemetryBatch.Builder big = TelemetryBatch.newBuilder();
    for (int i = 0; i < 2_001; i++) {
      big.addFlows(Records.denied("f" + i, "d-1", T));
    }
    StatusRuntimeException refused =
        assertThrows(StatusRuntimeException.class, () -> report(hq, big.build()));
    assertEquals(Status.Code.RESOURCE_EXHAUSTED, refused.getStatus().getCode());
    assertEquals(
        "telemetry batch of 2001 flow records is over the limit of 2000 per batch; send smaller"
            + " batches",
        refused.getStatus().getDescription());
  }

  @Test
  void queryEventsFiltersByDeviceAndPages() throws Exception {
    report(hq, batch());
    AdminServiceGrpc.AdminServiceBlockingStub auditor = admin(AdminRole.AUDITOR);
    QueryEventsRequest aboutD2 =
        QueryEventsRequest.newBuilder()
            .setDeviceId("d-2")
            .setPage(PageRequest.newBuilder().setPageSize(1))
            .build();
    QueryEventsResponse first = auditor.queryEvents(aboutD2);
    assertEquals(List.of("deny"), verdicts(first));
    assertTrue(!first.getPage().getNextPageToken().isEmpty(), "there is more");
    QueryEventsResponse second =
        auditor.queryEvents(
            aboutD2.toBuilder()
                .setPage(
                    PageRequest.newBuilder()
                        .setPageSize(1)
                        .setPageToken(first.getPage().getNextPageToken()))
                .build());
    assertEquals("hq/e1", second.getEvents(0).getEventId());
    assertEquals("", second.getPage().getNextPageToken(), "the last page");
  }

  @Test
  void aForgedPageTokenIsInvalidArgument() throws Exception {
    StatusRuntimeException refused =
        assertThrows(
            StatusRuntimeException.class,
            () ->
                admin(AdminRole.AUDITOR)
                    .queryEvents(
                        QueryEventsRequest.newBuilder()
                            .setPage(PageRequest.newBuilder().setPageToken("x"))
                            .build()));
    assertEquals(Status.Code.INVALID_ARGUMENT, refused.getStatus().getCode());
  }

  private static List<String> verdicts(QueryEventsResponse response) {
    return response.getEventsList().stream()
        .map(e -> e.getAttributesOrDefault("verdict", ""))
        .toList();
  }
}
