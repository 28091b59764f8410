package dev.cordon.controller.api;

import dev.cordon.controller.audit.AuditPage;
import dev.cordon.controller.audit.AuditQuery;
import dev.cordon.controller.ca.CertificateAuthority;
import dev.cordon.controller.enroll.CreatedToken;
import dev.cordon.controller.enroll.TokenInfo;
import dev.cordon.controller.gateways.GatewayView;
import dev.cordon.controller.gateways.GatewayViews;
import dev.cordon.controller.identity.Renewed;
import dev.cordon.controller.registry.AdminRecord;
import dev.cordon.controller.registry.DeviceRecord;
import dev.cordon.controller.telemetry.EventPage;
import dev.cordon.controller.telemetry.EventQuery;
import dev.cordon.proto.v1.AdminServiceGrpc;
import dev.cordon.proto.v1.ApplyPolicyRequest;
import dev.cordon.proto.v1.ApplyPolicyResponse;
import dev.cordon.proto.v1.CreateAdminRequest;
import dev.cordon.proto.v1.CreateAdminResponse;
import dev.cordon.proto.v1.CreateTokenRequest;
import dev.cordon.proto.v1.CreateTokenResponse;
import dev.cordon.proto.v1.Device;
import dev.cordon.proto.v1.DeviceStatusChangeRequest;
import dev.cordon.proto.v1.DiffPolicyRequest;
import dev.cordon.proto.v1.DiffPolicyResponse;
import dev.cordon.proto.v1.Gateway;
import dev.cordon.proto.v1.GetDeviceRequest;
import dev.cordon.proto.v1.GetGatewayRequest;
import dev.cordon.proto.v1.GetPolicyRequest;
import dev.cordon.proto.v1.ListDevicesRequest;
import dev.cordon.proto.v1.ListDevicesResponse;
import dev.cordon.proto.v1.ListGatewaysRequest;
import dev.cordon.proto.v1.ListGatewaysResponse;
import dev.cordon.proto.v1.ListPolicyVersionsRequest;
import dev.cordon.proto.v1.ListPolicyVersionsResponse;
import dev.cordon.proto.v1.ListTokensRequest;
import dev.cordon.proto.v1.ListTokensResponse;
import dev.cordon.proto.v1.PageInfo;
import dev.cordon.proto.v1.PolicyDocument;
import dev.cordon.proto.v1.QueryAuditRequest;
import dev.cordon.proto.v1.QueryAuditResponse;
import dev.cordon.proto.v1.QueryEventsRequest;
import dev.cordon.proto.v1.QueryEventsResponse;
import dev.cordon.proto.v1.RenewAdminRequest;
import dev.cordon.proto.v1.RenewResponse;
import dev.cordon.proto.v1.RevokeTokenRequest;
import dev.cordon.proto.v1.WhatIfAnswer;
import dev.cordon.proto.v1.WhatIfQuery;
import io.grpc.stub.StreamObserver;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The Admin service. Roles were checked by {@link AccessInterceptor} before any method here runs;
 * each method maps, delegates with the caller as principal, and maps back.
 */
final class AdminGrpcService extends AdminServiceGrpc.AdminServiceImplBase {

  private final ControllerDomain domain;
  private final TableSide tables;
  private final GatewayViews gateways;

  AdminGrpcService(ControllerDomain domain, TableSide tables, GatewayViews gateways) {
    this.domain = domain;
    this.tables = tables;
    this.gateways = gateways;
  }

  private static String by() {
    return Caller.current().id();
  }

  private CertificateAuthority ca() {
    return domain.ca();
  }

  private static <T> void reply(StreamObserver<T> out, T value) {
    out.onNext(value);
    out.onCompleted();
  }

  @Override
  public void createToken(CreateTokenRequest request, StreamObserver<CreateTokenResponse> out) {
    CreatedToken created = domain.tokens().create(by(), ProtoMapping.spec(request.getSpec()));
    reply(
        out,
        CreateTokenResponse.newBuilder()
            .setToken(created.token())
            .setInfo(ProtoMapping.token(created.info()))
            .build());
  }

  @Override
  public void listTokens(ListTokensRequest request, StreamObserver<ListTokensResponse> out) {
    Pages.Page<TokenInfo> page =
        Pages.page(
            domain.tokens().list(request.getIncludeInactive()), TokenInfo::id, request.getPage());
    reply(
        out,
        ListTokensResponse.newBuilder()
            .addAllTokens(page.items().stream().map(ProtoMapping::token).toList())
            .setPage(page.info())
            .build());
  }

  @Override
  public void revokeToken(
      RevokeTokenRequest request, StreamObserver<dev.cordon.proto.v1.TokenInfo> out) {
    TokenInfo info = domain.tokens().revoke(by(), request.getTokenId(), request.getReason());
    reply(out, ProtoMapping.token(info));
  }

  @Override
  public void listDevices(ListDevicesRequest request, StreamObserver<ListDevicesResponse> out) {
    Function<DeviceRecord, List<String>> membership = tables.membership();
    Pages.Page<DeviceRecord> page =
        Pages.page(
            domain
                .registry()
                .devices(ProtoMapping.status(request.getStatus()), request.getLabelSelectorMap())
                .stream()
                .filter(
                    d ->
                        request.getSegment().isEmpty()
                            || membership.apply(d).contains(request.getSegment()))
                .toList(),
            DeviceRecord::id,
            request.getPage());
    reply(
        out,
        ListDevicesResponse.newBuilder()
            .addAllDevices(page.items().stream().map(d -> device(d, membership)).toList())
            .setPage(page.info())
            .build());
  }

  private Device device(DeviceRecord d) {
    return device(d, tables.membership());
  }

  private Device device(DeviceRecord d, Function<DeviceRecord, List<String>> membership) {
    return ProtoMapping.device(
        d, membership.apply(d), ca().issuingCertificate(), ca().trustDomain());
  }

  private Gateway gateway(GatewayView g) {
    return ProtoMapping.gateway(g, ca().issuingCertificate(), ca().trustDomain());
  }

  @Override
  public void getDevice(GetDeviceRequest request, StreamObserver<Device> out) {
    reply(out, device(domain.registry().device(request.getDeviceId())));
  }

  @Override
  public void approveDevice(DeviceStatusChangeRequest request, StreamObserver<Device> out) {
    reply(out, device(domain.registry().approve(by(), request.getDeviceId(), request.getReason())));
  }

  @Override
  public void revokeDevice(DeviceStatusChangeRequest request, StreamObserver<Device> out) {
    reply(out, device(domain.registry().revoke(by(), request.getDeviceId(), request.getReason())));
  }

  @Override
  public void quarantineDevice(DeviceStatusChangeRequest request, StreamObserver<Device> out) {
    reply(
        out,
        device(domain.registry().quarantine(by(), request.getDeviceId(), request.getReason())));
  }

  @Override
  public void releaseDevice(DeviceStatusChangeRequest request, StreamObserver<Device> out) {
    reply(out, device(domain.registry().release(by(), request.getDeviceId(), request.getReason())));
  }

  @Override
  public void listGateways(ListGatewaysRequest request, StreamObserver<ListGatewaysResponse> out) {
    Pages.Page<GatewayView> page =
        Pages.page(gateways.list(), g -> g.record().name(), request.getPage());
    reply(
        out,
        ListGatewaysResponse.newBuilder()
            .addAllGateways(page.items().stream().map(this::gateway).toList())
            .setPage(page.info())
            .build());
  }

  @Override
  public void getGateway(GetGatewayRequest request, StreamObserver<Gateway> out) {
    reply(out, gateway(gateways.get(request.getName())));
  }

  @Override
  public void createAdmin(CreateAdminRequest request, StreamObserver<CreateAdminResponse> out) {
    AdminRecord admin =
        domain
            .administrators()
            .create(
                by(),
                request.getName(),
                ProtoMapping.role(request.getRole()),
                request.getCsrDer().toByteArray());
    CreateAdminResponse.Builder reply =
        CreateAdminResponse.newBuilder()
            .setAdmin(ProtoMapping.admin(admin, ca().issuingCertificate(), ca().trustDomain()))
            .addCertificateChain(ProtoMapping.der(admin.credential().current()));
    if (ca().bundle().size() > 1) {
      reply.addCertificateChain(ProtoMapping.der(ca().issuingCertificate()));
    }
    for (X509Certificate c : ca().bundle().reversed()) {
      reply.addCaBundle(ProtoMapping.der(c));
    }
    reply(out, reply.build());
  }

  @Override
  public void renewAdmin(RenewAdminRequest request, StreamObserver<RenewResponse> out) {
    Caller caller = Caller.current();
    Renewed renewed =
        domain
            .administrators()
            .renewal()
            .renew(
                caller.principal(),
                caller.certificate(),
                request.getCsrDer().toByteArray(),
                request.getForce());
    reply(out, DeviceGrpcService.renewResponse(renewed));
  }

  @Override
  public void queryAudit(QueryAuditRequest request, StreamObserver<QueryAuditResponse> out) {
    AuditQuery query =
        new AuditQuery(
            request.hasSince()
                ? Optional.of(ProtoMapping.instant(request.getSince()))
                : Optional.empty(),
            request.hasUntil()
                ? Optional.of(ProtoMapping.instant(request.getUntil()))
                : Optional.empty(),
            request.getPrincipal().isEmpty()
                ? Optional.empty()
                : Optional.of(request.getPrincipal()),
            request.getActionValue() == 0
                ? Optional.empty()
                : Optional.of(ProtoMapping.action(request.getAction())),
            request.getTarget().isEmpty() ? Optional.empty() : Optional.of(request.getTarget()),
            request.getPage().getPageToken(),
            Pages.size(request.getPage()));
    AuditPage page = domain.audit().query(query);
    reply(
        out,
        QueryAuditResponse.newBuilder()
            .addAllEvents(page.entries().stream().map(ProtoMapping::audit).toList())
            .setPage(PageInfo.newBuilder().setNextPageToken(page.next()))
            .build());
  }

  @Override
  public void applyPolicy(ApplyPolicyRequest request, StreamObserver<ApplyPolicyResponse> out) {
    tables.applyPolicy(request, out);
  }

  @Override
  public void diffPolicy(DiffPolicyRequest request, StreamObserver<DiffPolicyResponse> out) {
    tables.diffPolicy(request, out);
  }

  @Override
  public void getPolicy(GetPolicyRequest request, StreamObserver<PolicyDocument> out) {
    tables.getPolicy(request, out);
  }

  @Override
  public void listPolicyVersions(
      ListPolicyVersionsRequest request, StreamObserver<ListPolicyVersionsResponse> out) {
    tables.listPolicyVersions(request, out);
  }

  @Override
  public void testPolicy(WhatIfQuery request, StreamObserver<WhatIfAnswer> out) {
    tables.testPolicy(request, out);
  }

  @Override
  public void queryEvents(QueryEventsRequest request, StreamObserver<QueryEventsResponse> out) {
    EventQuery query =
        new EventQuery(
            request.hasSince()
                ? Optional.of(ProtoMapping.instant(request.getSince()))
                : Optional.empty(),
            request.hasUntil()
                ? Optional.of(ProtoMapping.instant(request.getUntil()))
                : Optional.empty(),
            request.getDeviceId().isEmpty() ? Optional.empty() : Optional.of(request.getDeviceId()),
            request.getKindValue() == 0 ? Optional.empty() : Optional.of(request.getKind()),
            request.getMinSeverityValue() == 0
                ? Optional.empty()
                : Optional.of(request.getMinSeverity()),
            request.getPage().getPageToken(),
            Pages.size(request.getPage()));
    EventPage page = domain.telemetry().query(query);
    reply(
        out,
        QueryEventsResponse.newBuilder()
            .addAllEvents(page.events())
            .setPage(PageInfo.newBuilder().setNextPageToken(page.next()))
            .build());
  }
}
