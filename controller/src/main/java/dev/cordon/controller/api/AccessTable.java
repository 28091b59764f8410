package dev.cordon.controller.api;

import dev.cordon.controller.ca.PrincipalKind;
import dev.cordon.controller.registry.AdminRole;
import dev.cordon.proto.v1.AdminServiceGrpc;
import dev.cordon.proto.v1.DeviceServiceGrpc;
import dev.cordon.proto.v1.EnrollmentServiceGrpc;
import dev.cordon.proto.v1.GatewayServiceGrpc;
import io.grpc.MethodDescriptor;
import io.grpc.ServiceDescriptor;
import io.grpc.health.v1.HealthGrpc;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Every method the controller serves and who may call it, in one table. A method missing here is
 * refused (PERMISSION_DENIED), so adding an RPC without deciding its rule fails closed.
 */
public final class AccessTable {

  private static final AccessRule OPEN = new AccessRule.Open();
  private static final AccessRule OWNER = new AccessRule.Admin(AdminRole.OWNER);
  private static final AccessRule OPERATOR = new AccessRule.Admin(AdminRole.OPERATOR);
  private static final AccessRule AUDITOR = new AccessRule.Admin(AdminRole.AUDITOR);

  private final Map<String, AccessRule> rules;

  private AccessTable(Map<String, AccessRule> rules) {
    this.rules = Map.copyOf(rules);
  }

  public static AccessTable standard() {
    Map<String, AccessRule> rules = new HashMap<>();
    every(EnrollmentServiceGrpc.getServiceDescriptor(), OPEN, rules);
    every(HealthGrpc.getServiceDescriptor(), OPEN, rules);
    every(
        DeviceServiceGrpc.getServiceDescriptor(),
        new AccessRule.Principal(PrincipalKind.DEVICE),
        rules);
    every(
        GatewayServiceGrpc.getServiceDescriptor(),
        new AccessRule.Principal(PrincipalKind.GATEWAY),
        rules);
    admin(rules, AdminServiceGrpc.getCreateTokenMethod(), OPERATOR);
    admin(rules, AdminServiceGrpc.getListTokensMethod(), AUDITOR);
    admin(rules, AdminServiceGrpc.getRevokeTokenMethod(), OPERATOR);
    admin(rules, AdminServiceGrpc.getListDevicesMethod(), AUDITOR);
    admin(rules, AdminServiceGrpc.getGetDeviceMethod(), AUDITOR);
    admin(rules, AdminServiceGrpc.getApproveDeviceMethod(), OPERATOR);
    admin(rules, AdminServiceGrpc.getRevokeDeviceMethod(), OPERATOR);
    admin(rules, AdminServiceGrpc.getQuarantineDeviceMethod(), OPERATOR);
    admin(rules, AdminServiceGrpc.getReleaseDeviceMethod(), OPERATOR);
    admin(rules, AdminServiceGrpc.getListGatewaysMethod(), AUDITOR);
    admin(rules, AdminServiceGrpc.getGetGatewayMethod(), AUDITOR);
    admin(rules, AdminServiceGrpc.getCreateAdminMethod(), OWNER);
    admin(rules, AdminServiceGrpc.getApplyPolicyMethod(), OPERATOR);
    admin(rules, AdminServiceGrpc.getDiffPolicyMethod(), AUDITOR);
    admin(rules, AdminServiceGrpc.getGetPolicyMethod(), AUDITOR);
    admin(rules, AdminServiceGrpc.getListPolicyVersionsMethod(), AUDITOR);
    admin(rules, AdminServiceGrpc.getTestPolicyMethod(), AUDITOR);
    admin(rules, AdminServiceGrpc.getQueryAuditMethod(), AUDITOR);
    admin(rules, AdminServiceGrpc.getQueryEventsMethod(), AUDITOR);
    // Any admin, and only for itself: the service takes the identity from the TLS session.
    admin(rules, AdminServiceGrpc.getRenewAdminMethod(), AUDITOR);
    return new AccessTable(rules);
  }

  public Optional<AccessRule> rule(String fullMethodName) {
    return Optional.ofNullable(rules.get(fullMethodName));
  }

  private static void every(
      ServiceDescriptor service, AccessRule rule, Map<String, AccessRule> rules) {
    service.getMethods().forEach(m -> rules.put(m.getFullMethodName(), rule));
  }

  private static void admin(
      Map<String, AccessRule> rules, MethodDescriptor<?, ?> method, AccessRule rule) {
    rules.put(method.getFullMethodName(), rule);
  }
}
