package dev.cordon.controller.tables.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import dev.cordon.controller.api.ErrorMapper;
import dev.cordon.controller.audit.AuditAction;
import dev.cordon.controller.audit.AuditEntry;
import dev.cordon.controller.audit.AuditLog;
import dev.cordon.controller.audit.AuditQuery;
import dev.cordon.controller.ca.Principal;
import dev.cordon.controller.policy.Policies;
import dev.cordon.controller.policy.WhatIf;
import dev.cordon.controller.store.SqliteStoreOptions;
import dev.cordon.controller.store.Store;
import dev.cordon.controller.tables.Acknowledgements;
import dev.cordon.controller.tables.TableFeed;
import dev.cordon.controller.tables.TestFleet;
import dev.cordon.proto.v1.AcknowledgeRequest;
import dev.cordon.proto.v1.AdminServiceGrpc;
import dev.cordon.proto.v1.ApplyPolicyRequest;
import dev.cordon.proto.v1.ApplyPolicyResponse;
import dev.cordon.proto.v1.DeviceServiceGrpc;
import dev.cordon.proto.v1.DeviceTableUpdate;
import dev.cordon.proto.v1.GatewayServiceGrpc;
import dev.cordon.proto.v1.GatewayTableUpdate;
import dev.cordon.proto.v1.ListPolicyVersionsRequest;
import dev.cordon.proto.v1.Protocol;
import dev.cordon.proto.v1.SyncTableRequest;
import dev.cordon.proto.v1.Verdict;
import dev.cordon.proto.v1.WatchTableRequest;
import dev.cordon.proto.v1.WhatIfQuery;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The table and policy RPCs over in-process gRPC. The caller's name comes from a test header in
 * place of the TLS session; the services are thin adapters like the API module's.
 */
class PolicyTableSideGrpcTest {
  private static final Context.Key<String> CALLER = Context.key("test-caller");
  private static final Metadata.Key<String> HEADER =
      Metadata.Key.of("x-test-caller", Metadata.ASCII_STRING_MARSHALLER);

  /** Maps what a service throws with the API's one error mapper, as the production server does. */
  private static final ServerInterceptor ERRORS =
      new ServerInterceptor() {
        @Override
        public <Q, R> io.grpc.ServerCall.Listener<Q> interceptCall(
            io.grpc.ServerCall<Q, R> call, Metadata headers, io.grpc.ServerCallHandler<Q, R> next) {
          var delegate = next.startCall(call, headers);
          return new io.grpc.ForwardingServerCallListener.SimpleForwardingServerCallListener<>(
              delegate) {
            @Override
            public void onHalfClose() {
              try {
                super.onHalfClose();
              } catch (RuntimeException e) {
                call.close(ErrorMapper.map(e).status(), new Metadata());
              }
            }
          };
        }
      };

  @TempDir Path dir;
  private final Clock clock = Clock.systemUTC();
  private Store store;
  private TestFleet fleet;
  private TableFeed feed;
  private Acknowledgements acks;
  private Server server;
  private ManagedChannel channel;

  @BeforeEach
  void start() throws Exception {
    store = Store.openSqlite(dir, SqliteStoreOptions.DEFAULT);
    fleet = new TestFleet(store, clock);
    fleet.gateway("hq", 1, "192.0.2.1:51820");
    fleet.enroll(1, "camera");
    Policies policies = new Policies(store, clock, new AuditLog(store, clock, "c1"));
    feed = TableFeed.start(store, clock);
    acks = new Acknowledgements(store, clock, "c1");
    PolicyTableSide side =
        new PolicyTableSide(
            policies,
            new WhatIf(store, policies, clock),
            feed,
            acks,
            kind -> new Principal(kind, CALLER.get(), "cordon.test"));
    String name = InProcessServerBuilder.generateName();
    ServerInterceptor caller =
        new ServerInterceptor() {
          @Override
          public <Q, R> io.grpc.ServerCall.Listener<Q> interceptCall(
              io.grpc.ServerCall<Q, R> call,
              Metadata headers,
              io.grpc.ServerCallHandler<Q, R> next) {
            return Contexts.interceptCall(
                Context.current().withValue(CALLER, headers.get(HEADER)), call, headers, next);
          }
        };
    server =
        InProcessServerBuilder.forName(name)
            .addService(ServerInterceptors.intercept(new Gateways(side), ERRORS, caller))
            .addService(ServerInterceptors.intercept(new Devices(side), ERRORS, caller))
            .addService(ServerInterceptors.intercept(new Admins(side), ERRORS, caller))
            .build()
            .start();
    channel = InProcessChannelBuilder.forName(name).build();
  }

  @AfterEach
  void stop() throws Exception {
    channel.shutdownNow();
    server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    feed.close();
    store.close();
  }

  @Test
  void watchTableDeliversASnapshotThenDeltasAndAcknowledgementsAreRecorded() throws Exception {
    assertTrue(applied(TestFleet.POLICY).getApplied());
    Updates<GatewayTableUpdate> updates = new Updates<>();
    GatewayServiceGrpc.newStub(channel)
        .withInterceptors(as("hq"))
        .watchTable(WatchTableRequest.getDefaultInstance(), updates);

    GatewayTableUpdate first = updates.next();
    assertTrue(first.hasSnapshot(), "the first message is the whole table");
    assertEquals("hq", first.getSnapshot().getGatewayName());
    assertEquals(1, first.getSnapshot().getPolicyVersion());
    ByteString camKey = first.getSnapshot().getPeers(0).getWireguardPublicKey();
    assertEquals(ByteString.copyFrom(TestFleet.key(1).bytes()), camKey);
    assertTrue(
        first.getSnapshot().getRulesList().stream()
            .anyMatch(r -> r.getRuleId().startsWith("cams-to-video")));

    fleet.enroll(2, "camera");
    GatewayTableUpdate added = updates.next();
    assertEquals(first.getSnapshot().getVersion(), added.getDelta().getFromVersion());
    assertEquals("dev-2", added.getDelta().getAddedPeers(0).getIdentity().getName());

    fleet.registry().revoke("alice", "dev-1", "stolen");
    GatewayTableUpdate revoked = updates.next();
    assertEquals(added.getDelta().getToVersion(), revoked.getDelta().getFromVersion());
    assertEquals(camKey, revoked.getDelta().getRemovedPeerKeys(0), "removed by its key");

    long version = revoked.getDelta().getToVersion();
    var response =
        GatewayServiceGrpc.newBlockingStub(channel)
            .withInterceptors(as("hq"))
            .acknowledge(AcknowledgeRequest.newBuilder().setVersion(version).build());
    assertEquals(version, response.getTargetVersion(), "hq is up to date");
    assertEquals(version, acks.find("hq").orElseThrow().version());
  }

  @Test
  void aGatewayThatResumesFromItsCurrentVersionStillGetsLaterRevocationsByKey() throws Exception {
    assertTrue(applied(TestFleet.POLICY).getApplied());
    Updates<GatewayTableUpdate> first = new Updates<>();
    var watch = GatewayServiceGrpc.newStub(channel).withInterceptors(as("hq"));
    watch.watchTable(WatchTableRequest.getDefaultInstance(), first);
    GatewayTableUpdate snapshot = first.next();
    ByteString camKey = snapshot.getSnapshot().getPeers(0).getWireguardPublicKey();

    // A reconnect (new stream) resuming from the version it holds gets no snapshot...
    Updates<GatewayTableUpdate> resumed = new Updates<>();
    watch.watchTable(
        WatchTableRequest.newBuilder()
            .setAppliedVersion(snapshot.getSnapshot().getVersion())
            .build(),
        resumed);
    // ...but a later revocation must still name the peer by its key on the resumed stream.
    fleet.registry().revoke("alice", "dev-1", "stolen");
    GatewayTableUpdate revoked = resumed.next();
    assertTrue(revoked.hasDelta(), "a resumed stream continues with deltas: " + revoked);
    assertEquals(snapshot.getSnapshot().getVersion(), revoked.getDelta().getFromVersion());
    assertEquals(List.of(camKey), revoked.getDelta().getRemovedPeerKeysList());
    assertEquals(List.of(camKey), revoked.getDelta().getRevokedPeerKeysList());
  }

  @Test
  void syncTableGivesADeviceItsGatewaysWithKeysEndpointsAndPrefixes() throws Exception {
    applied(TestFleet.POLICY);
    Updates<DeviceTableUpdate> updates = new Updates<>();
    DeviceServiceGrpc.newStub(channel)
        .withInterceptors(as("dev-1"))
        .syncTable(SyncTableRequest.getDefaultInstance(), updates);
    var table = updates.next().getSnapshot();
    assertEquals("dev-1", table.getDeviceId());
    assertEquals(java.util.List.of("cameras"), table.getSegmentsList());
    var hq = table.getPeers(0);
    assertEquals("hq", hq.getIdentity().getName());
    assertEquals(ByteString.copyFrom(TestFleet.key(201).bytes()), hq.getWireguardPublicKey());
    assertEquals("192.0.2.1", hq.getEndpoints(0).getHost());
    assertEquals(51820, hq.getEndpoints(0).getPort());
    assertEquals(32, hq.getAllowedPrefixes(0).getLength());

    fleet.registry().quarantine("alice", "dev-1", "anomaly");
    var delta = updates.next().getDelta();
    assertEquals(dev.cordon.proto.v1.DeviceStatus.DEVICE_STATUS_QUARANTINED, delta.getStatus());
    assertEquals(java.util.List.of("quarantine"), delta.getSegmentsList());
    assertEquals(1, delta.getChangedPeersCount(), "hq now carries the patch server only");
  }

  @Test
  void aDeviceThatResumesFromItsCurrentVersionStillLearnsWhichGatewayKeyToDrop() throws Exception {
    applied(TestFleet.POLICY);
    var sync = DeviceServiceGrpc.newStub(channel).withInterceptors(as("dev-1"));
    Updates<DeviceTableUpdate> first = new Updates<>();
    sync.syncTable(SyncTableRequest.getDefaultInstance(), first);
    var table = first.next().getSnapshot();
    ByteString hqKey = table.getPeers(0).getWireguardPublicKey();

    Updates<DeviceTableUpdate> resumed = new Updates<>();
    sync.syncTable(
        SyncTableRequest.newBuilder().setKnownVersion(table.getVersion()).build(), resumed);
    String withoutCameraRule =
        TestFleet.POLICY.replace(
            """
              - name: cams-to-video
                action: allow
                from: [cameras]
                to: {services: [video-store]}
            """,
            "");
    assertTrue(admin().applyPolicy(apply(withoutCameraRule)).getApplied());

    var delta = resumed.next();
    assertTrue(delta.hasDelta(), "a resumed stream continues with deltas: " + delta);
    assertEquals(List.of(hqKey), delta.getDelta().getRemovedPeerKeysList());
  }

  @Test
  void aPolicyApplyIsAuditedWithTheAdminsSpiffeIdFromTheSession() throws Exception {
    assertTrue(applied(TestFleet.POLICY).getApplied());
    admin().applyPolicy(apply("rules: [\n  {name: x}\n"));
    List<AuditEntry> entries =
        new AuditLog(store, clock, "c1")
            .query(AuditQuery.all()).entries().stream()
                .filter(e -> e.action() == AuditAction.POLICY_APPLY)
                .toList();
    assertEquals(2, entries.size(), "the applied and the refused document");
    for (AuditEntry e : entries) {
      assertEquals("spiffe://cordon.test/admin/alice", e.principal(), e.outcome().name());
    }
  }

  @Test
  void theAdminPolicyRpcsValidateVersionAndAnswerWhatIf() throws Exception {
    ApplyPolicyResponse bad = admin().applyPolicy(apply("rules: [\n  {name: x}\n"));
    assertFalse(bad.getApplied());
    assertTrue(bad.getProblemsCount() > 0 && bad.getProblems(0).getLine() > 0);

    assertEquals(1, applied(TestFleet.POLICY).getVersion());
    ApplyPolicyResponse second =
        admin()
            .applyPolicy(
                apply(TestFleet.POLICY + "# v2\n").toBuilder().setExpectedVersion(1).build());
    assertEquals(2, second.getVersion());
    assertEquals(
        2,
        admin()
            .listPolicyVersions(ListPolicyVersionsRequest.getDefaultInstance())
            .getVersionsCount());

    StatusRuntimeException conflict =
        assertThrows(
            StatusRuntimeException.class,
            () ->
                admin()
                    .applyPolicy(
                        apply("# stale\n" + TestFleet.POLICY).toBuilder()
                            .setExpectedVersion(1)
                            .build()));
    assertEquals(Status.Code.ABORTED, conflict.getStatus().getCode());

    StatusRuntimeException noProtocol =
        assertThrows(
            StatusRuntimeException.class,
            () ->
                admin()
                    .testPolicy(
                        WhatIfQuery.newBuilder()
                            .setDeviceId("dev-1")
                            .setService("video-store")
                            .setPort(443)
                            .build()));
    assertEquals(Status.Code.INVALID_ARGUMENT, noProtocol.getStatus().getCode());

    var answer =
        admin()
            .testPolicy(
                WhatIfQuery.newBuilder()
                    .setDeviceId("dev-1")
                    .setService("video-store")
                    .setProtocol(Protocol.PROTOCOL_TCP)
                    .setPort(443)
                    .build());
    assertEquals(Verdict.VERDICT_ALLOW, answer.getVerdict());
    assertEquals("cams-to-video", answer.getRuleId());
    assertEquals("hq", answer.getGateway());
  }

  private AdminServiceGrpc.AdminServiceBlockingStub admin() {
    return AdminServiceGrpc.newBlockingStub(channel).withInterceptors(as("alice"));
  }

  /**
   * Applies a document and waits until the feed has seen it: the feed follows the store's watch, so
   * a watch opened right after ApplyPolicy could otherwise start from the table before it.
   */
  private ApplyPolicyResponse applied(String source) throws InterruptedException {
    ApplyPolicyResponse response = admin().applyPolicy(apply(source));
    assertTrue(
        feed.awaitRevision(store.range("").revision(), Duration.ofSeconds(10)),
        "the table feed caught up with the policy");
    return response;
  }

  private static ApplyPolicyRequest apply(String source) {
    return ApplyPolicyRequest.newBuilder().setSource(source).build();
  }

  private static io.grpc.ClientInterceptor as(String caller) {
    Metadata m = new Metadata();
    m.put(HEADER, caller);
    return MetadataUtils.newAttachHeadersInterceptor(m);
  }

  private static final class Updates<T> implements StreamObserver<T> {
    private final LinkedBlockingQueue<T> queue = new LinkedBlockingQueue<>();

    @Override
    public void onNext(T value) {
      queue.add(value);
    }

    @Override
    public void onError(Throwable t) {}

    @Override
    public void onCompleted() {}

    T next() throws InterruptedException {
      T t = queue.poll(Duration.ofSeconds(10).toMillis(), TimeUnit.MILLISECONDS);
      assertNotNull(t, "no message within 10 s");
      return t;
    }
  }

  private static final class Gateways extends GatewayServiceGrpc.GatewayServiceImplBase {
    private final PolicyTableSide side;

    Gateways(PolicyTableSide side) {
      this.side = side;
    }

    @Override
    public void watchTable(WatchTableRequest r, StreamObserver<GatewayTableUpdate> out) {
      side.watchGatewayTable(r, out);
    }

    @Override
    public void acknowledge(
        AcknowledgeRequest r, StreamObserver<dev.cordon.proto.v1.AcknowledgeResponse> out) {
      side.acknowledge(r, out);
    }
  }

  private static final class Devices extends DeviceServiceGrpc.DeviceServiceImplBase {
    private final PolicyTableSide side;

    Devices(PolicyTableSide side) {
      this.side = side;
    }

    @Override
    public void syncTable(SyncTableRequest r, StreamObserver<DeviceTableUpdate> out) {
      side.syncDeviceTable(r, out);
    }
  }

  private static final class Admins extends AdminServiceGrpc.AdminServiceImplBase {
    private final PolicyTableSide side;

    Admins(PolicyTableSide side) {
      this.side = side;
    }

    @Override
    public void applyPolicy(ApplyPolicyRequest r, StreamObserver<ApplyPolicyResponse> out) {
      side.applyPolicy(r, out);
    }

    @Override
    public void listPolicyVersions(
        ListPolicyVersionsRequest r,
        StreamObserver<dev.cordon.proto.v1.ListPolicyVersionsResponse> out) {
      side.listPolicyVersions(r, out);
    }

    @Override
    public void testPolicy(WhatIfQuery r, StreamObserver<dev.cordon.proto.v1.WhatIfAnswer> out) {
      side.testPolicy(r, out);
    }
  }
}
