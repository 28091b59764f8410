package dev.cordon.controller.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import dev.cordon.controller.audit.AuditAction;
import dev.cordon.controller.audit.AuditEntry;
import dev.cordon.controller.audit.AuditOutcome;
import dev.cordon.controller.ca.Pem;
import dev.cordon.controller.identity.LocalKeys;
import dev.cordon.controller.registry.AdminRole;
import dev.cordon.controller.testing.Fleet;
import dev.cordon.proto.v1.AdminServiceGrpc;
import dev.cordon.proto.v1.ApplyPolicyRequest;
import dev.cordon.proto.v1.CreateTokenRequest;
import dev.cordon.proto.v1.DeviceServiceGrpc;
import dev.cordon.proto.v1.DeviceStatusChangeRequest;
import dev.cordon.proto.v1.EnrollRequest;
import dev.cordon.proto.v1.EnrollResponse;
import dev.cordon.proto.v1.EnrollmentServiceGrpc;
import dev.cordon.proto.v1.GatewayServiceGrpc;
import dev.cordon.proto.v1.ListDevicesRequest;
import dev.cordon.proto.v1.PostureReport;
import dev.cordon.proto.v1.PrincipalKind;
import dev.cordon.proto.v1.QueryAuditRequest;
import dev.cordon.proto.v1.RenewRequest;
import dev.cordon.proto.v1.ReportPostureRequest;
import dev.cordon.proto.v1.SyncTableRequest;
import dev.cordon.proto.v1.TokenSpec;
import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServiceDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

class ApiAbuseTest {

  @TempDir Path dir;
  LogCapture logs;
  TlsController controller;
  TlsController.Credential owner;
  final List<String> secrets = new ArrayList<>();

  @BeforeEach
  void start() throws Exception {
    logs = new LogCapture();
    controller = new TlsController(dir);
    owner = controller.admin("owner", AdminRole.OWNER);
  }

  @AfterEach
  void logsHoldNoTokenOrKeyMaterial() throws Exception {
    controller.close();
    logs.close();
    String text = logs.text();
    for (String secret : secrets) {
      assertFalse(text.contains(secret), "a token or secret reached the log");
    }
    assertFalse(text.contains("PRIVATE KEY"), "key material reached the log");
    assertFalse(text.contains("-----BEGIN"), "PEM material reached the log");
  }

  private String createToken(TokenSpec spec) throws Exception {
    String token =
        controller
            .adminStub(owner)
            .createToken(CreateTokenRequest.newBuilder().setSpec(spec).build())
            .getToken();
    secrets.add(token);
    secrets.add(Base64.getEncoder().encodeToString(controller.fleet.codec.decode(token).secret()));
    return token;
  }

  private static TokenSpec deviceSpec() {
    return TokenSpec.newBuilder()
        .setKind(PrincipalKind.PRINCIPAL_KIND_DEVICE)
        .setName("cam")
        .build();
  }

  /** Enrolls over TLS with no client certificate, as a fresh device does. */
  private TlsController.Credential enrollDevice() throws Exception {
    Fleet.DeviceKeys keys = Fleet.deviceKeys();
    EnrollResponse enrolled =
        EnrollmentServiceGrpc.newBlockingStub(controller.channel(null))
            .enroll(
                EnrollRequest.newBuilder()
                    .setToken(createToken(deviceSpec()))
                    .setCsrDer(ByteString.copyFrom(keys.csr()))
                    .setWireguardPublicKey(ByteString.copyFrom(keys.wireGuard().bytes()))
                    .build());
    X509Certificate cert = Pem.readCertificate(enrolled.getCertificateChain(0).toByteArray());
    return new TlsController.Credential(keys.tls(), cert);
  }

  private static Status.Code code(Executable call) {
    try {
      call.execute();
      return Status.Code.OK;
    } catch (StatusRuntimeException e) {
      return e.getStatus().getCode();
    } catch (Throwable t) {
      throw new AssertionError(t);
    }
  }

  @Test
  void everyDeviceGatewayAndAdminCallWithoutACertificateIsUnauthenticated() throws Exception {
    ManagedChannel anonymous = controller.channel(null);
    List<String> wrong = new ArrayList<>();
    int calls = 0;
    for (ServiceDescriptor service :
        List.of(
            DeviceServiceGrpc.getServiceDescriptor(),
            GatewayServiceGrpc.getServiceDescriptor(),
            AdminServiceGrpc.getServiceDescriptor())) {
      for (MethodDescriptor<?, ?> method : service.getMethods()) {
        Status status = rawCall(anonymous, method, new byte[0]);
        calls++;
        if (status.getCode() != Status.Code.UNAUTHENTICATED) {
          wrong.add(method.getFullMethodName() + " -> " + status.getCode());
        }
      }
    }
    assertEquals(List.of(), wrong);
    assertEquals(3 + 5 + 20, calls);
    assertTrue(controller.metrics.denials("NO_CERTIFICATE") >= calls);
  }

  @Test
  void everyAdminCallAboveTheAuditorRoleIsPermissionDeniedForAnAuditor() throws Exception {
    TlsController.Credential auditor = controller.admin("eve", AdminRole.AUDITOR);
    ManagedChannel channel = controller.channel(auditor);
    List<String> denied = new ArrayList<>();
    for (MethodDescriptor<?, ?> method : AdminServiceGrpc.getServiceDescriptor().getMethods()) {
      if (rawCall(channel, method, new byte[0]).getCode() == Status.Code.PERMISSION_DENIED) {
        denied.add(method.getBareMethodName());
      }
    }
    assertEquals(
        List.of(
            "ApplyPolicy",
            "ApproveDevice",
            "CreateAdmin",
            "CreateToken",
            "QuarantineDevice",
            "ReleaseDevice",
            "RevokeDevice",
            "RevokeToken"),
        denied.stream().sorted().toList());
  }

  @Test
  void anOperatorCreatingAnAdminIsPermissionDeniedAndTheRefusalIsAudited() throws Exception {
    TlsController.Credential operator = controller.admin("olga", AdminRole.OPERATOR);
    KeyPair keys = LocalKeys.p256(Fleet.RANDOM);

    Status.Code result =
        code(
            () ->
                controller
                    .adminStub(operator)
                    .createAdmin(
                        dev.cordon.proto.v1.CreateAdminRequest.newBuilder()
                            .setName("mallory")
                            .setRole(dev.cordon.proto.v1.AdminRole.ADMIN_ROLE_OWNER)
                            .setCsrDer(ByteString.copyFrom(LocalKeys.csr(keys)))
                            .build()));

    assertEquals(Status.Code.PERMISSION_DENIED, result);
    AuditEntry denial =
        controller
            .fleet
            .audit
            .query(dev.cordon.controller.audit.AuditQuery.all())
            .entries()
            .stream()
            .filter(e -> e.action() == AuditAction.API_DENIED)
            .findFirst()
            .orElseThrow();
    assertEquals("spiffe://cordon.local/admin/olga", denial.principal());
    assertEquals(AuditOutcome.DENIED, denial.outcome());
    assertEquals("ROLE", denial.reason());
    assertEquals("cordon.v1.AdminService/CreateAdmin", denial.target());
    assertTrue(controller.fleet.registry().findAdmin("mallory").isEmpty());
  }

  @Test
  void aDeviceCertificateCannotCallTheAdminService() throws Exception {
    TlsController.Credential device = enrollDevice();

    assertEquals(
        Status.Code.PERMISSION_DENIED,
        code(
            () ->
                controller.adminStub(device).listDevices(ListDevicesRequest.getDefaultInstance())));
  }

  @Test
  void anEnrolledDeviceRenewsFromTwoThirdsOfItsLifeAndIsCutOffOnceRevoked() throws Exception {
    TlsController.Credential device = enrollDevice();
    var stub = DeviceServiceGrpc.newBlockingStub(controller.channel(device));
    RenewRequest renew =
        RenewRequest.newBuilder()
            .setCsrDer(ByteString.copyFrom(LocalKeys.csr(device.keys())))
            .build();

    assertEquals(Status.Code.FAILED_PRECONDITION, code(() -> stub.renew(renew)));
    controller.fleet.clock.advance(Duration.ofHours(17));
    assertEquals(1, stub.renew(renew).getCertificateChainCount());
    assertEquals(
        dev.cordon.proto.v1.DeviceStatus.DEVICE_STATUS_ACTIVE,
        stub.reportPosture(
                ReportPostureRequest.newBuilder()
                    .setReport(PostureReport.newBuilder().setOsVersion("13.1"))
                    .build())
            .getStatus());

    String id =
        device.certificate().getSubjectAlternativeNames().stream()
            .map(n -> String.valueOf(n.get(1)))
            .filter(n -> n.startsWith("spiffe://"))
            .findFirst()
            .orElseThrow()
            .replaceAll(".*/", "");
    // The first owner's 12 h certificate expired while the clock moved on; a fresh admin acts.
    TlsController.Credential laterOwner = controller.admin("owner2", AdminRole.OWNER);
    controller
        .adminStub(laterOwner)
        .revokeDevice(
            DeviceStatusChangeRequest.newBuilder().setDeviceId(id).setReason("stolen").build());

    StatusRuntimeException refused =
        org.junit.jupiter.api.Assertions.assertThrows(
            StatusRuntimeException.class, () -> stub.renew(renew));
    assertEquals(Status.Code.PERMISSION_DENIED, refused.getStatus().getCode());
    assertTrue(refused.getStatus().getDescription().contains("revoked"));
  }

  @Test
  void aQuarantinedDeviceCannotRenew() throws Exception {
    TlsController.Credential device = enrollDevice();
    String id = controller.fleet.registry().devices(null, java.util.Map.of()).getFirst().id();
    controller
        .adminStub(owner)
        .quarantineDevice(
            DeviceStatusChangeRequest.newBuilder().setDeviceId(id).setReason("anomaly").build());
    controller.fleet.clock.advance(Duration.ofHours(17));

    StatusRuntimeException refused =
        org.junit.jupiter.api.Assertions.assertThrows(
            StatusRuntimeException.class,
            () ->
                DeviceServiceGrpc.newBlockingStub(controller.channel(device))
                    .renew(
                        RenewRequest.newBuilder()
                            .setCsrDer(ByteString.copyFrom(LocalKeys.csr(device.keys())))
                            .build()));

    assertEquals(Status.Code.FAILED_PRECONDITION, refused.getStatus().getCode());
    assertTrue(refused.getStatus().getDescription().contains("quarantined"));
  }

  @Test
  void enrollmentWithAReusedTokenIsUnauthenticatedAndWithABadCsrInvalid() throws Exception {
    String token = createToken(deviceSpec());
    var stub = EnrollmentServiceGrpc.newBlockingStub(controller.channel(null));
    Fleet.DeviceKeys keys = Fleet.deviceKeys();
    EnrollRequest bad =
        EnrollRequest.newBuilder()
            .setToken(token)
            .setCsrDer(ByteString.copyFromUtf8("garbage"))
            .setWireguardPublicKey(ByteString.copyFrom(keys.wireGuard().bytes()))
            .build();
    EnrollRequest good = bad.toBuilder().setCsrDer(ByteString.copyFrom(keys.csr())).build();

    assertEquals(Status.Code.INVALID_ARGUMENT, code(() -> stub.enroll(bad)));
    assertEquals(Status.Code.OK, code(() -> stub.enroll(good)));
    assertEquals(Status.Code.UNAUTHENTICATED, code(() -> stub.enroll(good)));
    assertEquals(
        Status.Code.UNAUTHENTICATED,
        code(() -> stub.enroll(good.toBuilder().setToken("cordon1_AAAA").build())));
  }

  @Test
  void anOversizedRequestIsRefusedAsResourceExhausted() throws Exception {
    var stub = EnrollmentServiceGrpc.newBlockingStub(controller.channel(null));
    EnrollRequest huge =
        EnrollRequest.newBuilder()
            .setToken("cordon1_x")
            .setCsrDer(ByteString.copyFrom(new byte[ControllerServer.MAX_MESSAGE_BYTES + 1]))
            .build();

    assertEquals(Status.Code.RESOURCE_EXHAUSTED, code(() -> stub.enroll(huge)));
  }

  @Test
  void policyAndTableCallsAnswerUnimplementedUntilThePolicySideIsPluggedIn() throws Exception {
    TlsController.Credential device = enrollDevice();

    assertEquals(
        Status.Code.UNIMPLEMENTED,
        code(
            () ->
                controller.adminStub(owner).applyPolicy(ApplyPolicyRequest.getDefaultInstance())));
    assertEquals(
        Status.Code.UNIMPLEMENTED,
        code(
            () ->
                DeviceServiceGrpc.newBlockingStub(controller.channel(device))
                    .syncTable(SyncTableRequest.getDefaultInstance())
                    .hasNext()));
  }

  @Test
  void healthAnswersServingWithoutCredentials() throws Exception {
    assertEquals(
        HealthCheckResponse.ServingStatus.SERVING,
        HealthGrpc.newBlockingStub(controller.channel(null))
            .check(HealthCheckRequest.getDefaultInstance())
            .getStatus());
  }

  @Test
  void theAuditLogIsReadableByAnAuditor() throws Exception {
    createToken(deviceSpec());
    TlsController.Credential auditor = controller.admin("ann", AdminRole.AUDITOR);

    var events =
        controller
            .adminStub(auditor)
            .queryAudit(
                QueryAuditRequest.newBuilder()
                    .setAction(dev.cordon.proto.v1.AuditAction.AUDIT_ACTION_TOKEN_CREATE)
                    .build());

    assertEquals(1, events.getEventsCount());
    assertEquals(
        "spiffe://cordon.local/admin/owner", events.getEvents(0).getPrincipal().getSpiffeId());
  }

  @Test
  void everyServedMethodHasAnAccessRule() {
    AccessTable table = AccessTable.standard();
    for (ServiceDescriptor service :
        List.of(
            DeviceServiceGrpc.getServiceDescriptor(),
            GatewayServiceGrpc.getServiceDescriptor(),
            AdminServiceGrpc.getServiceDescriptor(),
            EnrollmentServiceGrpc.getServiceDescriptor(),
            HealthGrpc.getServiceDescriptor())) {
      for (MethodDescriptor<?, ?> method : service.getMethods()) {
        assertTrue(
            table.rule(method.getFullMethodName()).isPresent(),
            method.getFullMethodName() + " has no rule");
      }
    }
  }

  /** Calls any method with raw request bytes, whatever its streaming shape; returns the status. */
  private static Status rawCall(
      ManagedChannel channel, MethodDescriptor<?, ?> method, byte[] request) throws Exception {
    MethodDescriptor<byte[], byte[]> raw = method.toBuilder(BYTES, BYTES).build();
    ClientCall<byte[], byte[]> call =
        channel.newCall(raw, CallOptions.DEFAULT.withDeadlineAfter(10, TimeUnit.SECONDS));
    CompletableFuture<Status> closed = new CompletableFuture<>();
    call.start(
        new ClientCall.Listener<>() {
          @Override
          public void onClose(Status status, Metadata trailers) {
            closed.complete(status);
          }
        },
        new Metadata());
    call.request(1);
    call.sendMessage(request);
    call.halfClose();
    return closed.get(15, TimeUnit.SECONDS);
  }

  private static final MethodDescriptor.Marshaller<byte[]> BYTES =
      new MethodDescriptor.Marshaller<>() {
        @Override
        public InputStream stream(byte[] value) {
          return new ByteArrayInputStream(value);
        }

        @Override
        public byte[] parse(InputStream stream) {
          try {
            return stream.readAllBytes();
          } catch (IOException e) {
            throw new IllegalStateException(e);
          }
        }
      };
}
