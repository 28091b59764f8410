package dev.cordon.controller.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import dev.cordon.controller.ca.PrincipalKind;
import dev.cordon.controller.enroll.Enrolled;
import dev.cordon.controller.enroll.TokenSpec;
import dev.cordon.controller.gateways.StorePresence;
import dev.cordon.controller.registry.AdminRole;
import dev.cordon.controller.tables.TestFleet;
import dev.cordon.controller.tables.api.PolicyTableSide;
import dev.cordon.controller.testing.Fleet;
import dev.cordon.proto.v1.AcknowledgeRequest;
import dev.cordon.proto.v1.AdminServiceGrpc;
import dev.cordon.proto.v1.ApplyPolicyRequest;
import dev.cordon.proto.v1.Endpoint;
import dev.cordon.proto.v1.Gateway;
import dev.cordon.proto.v1.GatewayServiceGrpc;
import dev.cordon.proto.v1.GatewayTable;
import dev.cordon.proto.v1.GatewayTableUpdate;
import dev.cordon.proto.v1.GetGatewayRequest;
import dev.cordon.proto.v1.IpPrefix;
import dev.cordon.proto.v1.ListGatewaysRequest;
import dev.cordon.proto.v1.RegisterRequest;
import dev.cordon.proto.v1.WatchTableRequest;
import io.grpc.ManagedChannel;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What ListGateways and GetGateway report, over real TLS: registration, the compiled table, the
 * acknowledgement and the open watch each fill their own fields.
 */
class GatewayStatusTest {
  private static final IpPrefix PROTECTED =
      IpPrefix.newBuilder()
          .setOctets(ByteString.copyFrom(new byte[] {10, 10, 0, 0}))
          .setLength(16)
          .build();
  private static final Endpoint UNDERLAY =
      Endpoint.newBuilder().setHost("192.0.2.1").setPort(51820).build();
  private static final Timestamp APPLIED = Timestamp.newBuilder().setSeconds(1_800_000_000).build();

  @TempDir Path dir;
  private TlsController controller;
  private PolicyTableSide tables;
  private StorePresence presence;
  private AdminServiceGrpc.AdminServiceBlockingStub admin;
  private GatewayServiceGrpc.GatewayServiceBlockingStub hq;
  private ManagedChannel hqChannel;

  @BeforeEach
  void start() throws Exception {
    controller =
        new TlsController(
            dir,
            f -> tables = PolicyTableSide.open(f.store, f.clock, f.audit, "c1"),
            f -> presence = StorePresence.start(f.store, "c1"));
    Fleet fleet = controller.fleet;
    Fleet.DeviceKeys keys = Fleet.deviceKeys();
    TokenSpec spec =
        new TokenSpec(
            PrincipalKind.GATEWAY, "hq", "", Map.of(), List.of(), Duration.ZERO, 1, false);
    Enrolled enrolled =
        fleet.enrollment().enroll(keys.request(fleet.tokens().create("", spec).token()));
    hqChannel =
        controller.channel(new TlsController.Credential(keys.tls(), enrolled.certificate()));
    hq = GatewayServiceGrpc.newBlockingStub(hqChannel);
    admin =
        AdminServiceGrpc.newBlockingStub(
            controller.channel(controller.admin("alice", AdminRole.OPERATOR)));
    new TestFleet(fleet.store, fleet.clock).enroll(50, "camera");
    assertTrue(
        admin
            .applyPolicy(ApplyPolicyRequest.newBuilder().setSource(TestFleet.POLICY).build())
            .getApplied());
  }

  @AfterEach
  void stop() throws Exception {
    // The policy side and presence go before the fleet's store, as in the daemon.
    tables.close();
    presence.close();
    controller.close();
  }

  @Test
  void devicesAreListedInTheSegmentsThePolicyResolvesForThemIncludingLabelSelectors() {
    var cameras =
        admin.listDevices(
            dev.cordon.proto.v1.ListDevicesRequest.newBuilder().setSegment("cameras").build());
    assertEquals(1, cameras.getDevicesCount(), cameras.toString());
    assertEquals(List.of("cameras"), cameras.getDevices(0).getSegmentsList(), "type=camera");

    String id = cameras.getDevices(0).getDeviceId();
    var quarantined =
        admin.quarantineDevice(
            dev.cordon.proto.v1.DeviceStatusChangeRequest.newBuilder()
                .setDeviceId(id)
                .setReason("test")
                .build());
    assertEquals(List.of("quarantine"), quarantined.getSegmentsList());
    assertEquals(
        0,
        admin
            .listDevices(
                dev.cordon.proto.v1.ListDevicesRequest.newBuilder().setSegment("cameras").build())
            .getDevicesCount(),
        "no longer a camera while quarantined");
  }

  @Test
  void aRegisteredWatchingAcknowledgingGatewayIsListedWithEveryField() throws Exception {
    hq.register(
        RegisterRequest.newBuilder()
            .addEndpoints(UNDERLAY)
            .addProtectedPrefixes(PROTECTED)
            .setSoftwareVersion("0.1.0")
            .build());
    Gateway registered = gateway();
    assertEquals(List.of(UNDERLAY), registered.getEndpointsList());
    assertEquals(List.of(PROTECTED), registered.getProtectedPrefixesList());
    assertTrue(registered.hasLastSeen(), "registration is a call to the controller");
    assertFalse(registered.getConnected(), "no watch yet");
    assertEquals(0, registered.getAppliedVersion(), "nothing acknowledged yet");
    assertFalse(registered.hasAppliedAt());

    Watch watch = new Watch();
    GatewayServiceGrpc.newStub(hqChannel).watchTable(WatchTableRequest.getDefaultInstance(), watch);
    GatewayTable table = watch.next().getSnapshot();
    assertEquals(1, table.getPeersCount(), "the camera dev-50 may reach hq's video store");
    hq.acknowledge(
        AcknowledgeRequest.newBuilder()
            .setVersion(table.getVersion())
            .setReceivedAt(APPLIED)
            .setAppliedAt(APPLIED)
            .build());

    Gateway listed = gateway();
    assertTrue(listed.getConnected(), "its watch is open");
    assertEquals(
        table.getVersion(), listed.getTargetVersion(), "it is current at the version sent");
    assertEquals(table.getVersion(), listed.getAppliedVersion(), "the version it acknowledged");
    assertEquals(APPLIED, listed.getAppliedAt(), "when it said it applied it");
    assertEquals(1, listed.getPeerCount(), "the peers of the table compiled for it");
    assertEquals(List.of(UNDERLAY), listed.getEndpointsList());
    assertEquals(List.of(PROTECTED), listed.getProtectedPrefixesList());
    assertEquals("0.1.0", listed.getSoftwareVersion());
    assertEquals(listed, admin.getGateway(GetGatewayRequest.newBuilder().setName("hq").build()));

    watch.cancel();
    assertTrue(disconnected(), "the watch ended, so hq is no longer connected");
    Gateway after = gateway();
    assertEquals(table.getVersion(), after.getAppliedVersion(), "acknowledgements outlive a watch");
  }

  private Gateway gateway() {
    List<Gateway> all =
        admin.listGateways(ListGatewaysRequest.getDefaultInstance()).getGatewaysList();
    assertEquals(1, all.size());
    assertEquals("hq", all.getFirst().getIdentity().getName());
    return all.getFirst();
  }

  private boolean disconnected() throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (System.nanoTime() < deadline) {
      if (!gateway().getConnected()) {
        return true;
      }
      Thread.sleep(20);
    }
    return false;
  }

  /** A WatchTable stream the test reads message by message and can cancel. */
  private static final class Watch
      implements ClientResponseObserver<WatchTableRequest, GatewayTableUpdate> {
    private final LinkedBlockingQueue<GatewayTableUpdate> updates = new LinkedBlockingQueue<>();
    private volatile ClientCallStreamObserver<WatchTableRequest> call;

    @Override
    public void beforeStart(ClientCallStreamObserver<WatchTableRequest> requestStream) {
      call = requestStream;
    }

    GatewayTableUpdate next() throws InterruptedException {
      GatewayTableUpdate u = updates.poll(10, TimeUnit.SECONDS);
      if (u == null) {
        throw new AssertionError("no table update within 10 s");
      }
      return u;
    }

    void cancel() {
      call.cancel("the gateway stops", null);
    }

    @Override
    public void onNext(GatewayTableUpdate value) {
      updates.add(value);
    }

    @Override
    public void onError(Throwable t) {}

    @Override
    public void onCompleted() {}
  }
}
