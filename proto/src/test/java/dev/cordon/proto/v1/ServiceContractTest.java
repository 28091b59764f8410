package dev.cordon.proto.v1;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.grpc.MethodDescriptor;
import io.grpc.MethodDescriptor.MethodType;
import io.grpc.ServiceDescriptor;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The four services exist under their wire names, with the methods and streaming kinds the
 * controller, gateway and client are built against.
 */
class ServiceContractTest {

  @Test
  void enrollmentServiceOffersOneUnaryEnroll() {
    assertMethods(
        EnrollmentServiceGrpc.getServiceDescriptor(),
        "cordon.v1.EnrollmentService",
        Map.of("Enroll", MethodType.UNARY));
  }

  @Test
  void deviceServiceRenewsReportsPostureAndStreamsItsTable() {
    assertMethods(
        DeviceServiceGrpc.getServiceDescriptor(),
        "cordon.v1.DeviceService",
        Map.of(
            "Renew", MethodType.UNARY,
            "SyncTable", MethodType.SERVER_STREAMING,
            "ReportPosture", MethodType.UNARY));
  }

  @Test
  void gatewayServiceWatchesTablesAndStreamsTelemetryUpward() {
    assertMethods(
        GatewayServiceGrpc.getServiceDescriptor(),
        "cordon.v1.GatewayService",
        Map.of(
            "Register", MethodType.UNARY,
            "Renew", MethodType.UNARY,
            "WatchTable", MethodType.SERVER_STREAMING,
            "Acknowledge", MethodType.UNARY,
            "ReportTelemetry", MethodType.CLIENT_STREAMING));
  }

  @Test
  void adminServiceIsAllUnaryAndCoversEveryCliVerb() {
    Map<String, MethodType> expected = new TreeMap<>();
    for (String name :
        new String[] {
          "CreateToken",
          "ListTokens",
          "RevokeToken",
          "ListDevices",
          "GetDevice",
          "ApproveDevice",
          "RevokeDevice",
          "QuarantineDevice",
          "ReleaseDevice",
          "ListGateways",
          "GetGateway",
          "CreateAdmin",
          "ApplyPolicy",
          "DiffPolicy",
          "GetPolicy",
          "ListPolicyVersions",
          "TestPolicy",
          "QueryAudit",
          "QueryEvents",
          "RenewAdmin"
        }) {
      expected.put(name, MethodType.UNARY);
    }
    assertMethods(AdminServiceGrpc.getServiceDescriptor(), "cordon.v1.AdminService", expected);
  }

  @Test
  void aStreamingMethodCarriesTheGeneratedMessageTypes() {
    MethodDescriptor<WatchTableRequest, GatewayTableUpdate> watch =
        GatewayServiceGrpc.getWatchTableMethod();
    assertEquals("cordon.v1.GatewayService/WatchTable", watch.getFullMethodName());
    byte[] bytes =
        GatewayTableUpdate.newBuilder()
            .setSnapshot(GatewayTable.newBuilder().setVersion(3))
            .build()
            .toByteArray();
    GatewayTableUpdate parsed = watch.parseResponse(new java.io.ByteArrayInputStream(bytes));
    assertEquals(3, parsed.getSnapshot().getVersion());
  }

  private static void assertMethods(
      ServiceDescriptor service, String wireName, Map<String, MethodType> expected) {
    assertEquals(wireName, service.getName());
    Map<String, MethodType> actual = new TreeMap<>();
    for (MethodDescriptor<?, ?> method : service.getMethods()) {
      assertEquals(wireName, method.getServiceName(), method.getFullMethodName());
      actual.put(method.getBareMethodName(), method.getType());
    }
    assertEquals(new TreeMap<>(expected), actual, "methods of " + wireName);
  }
}
