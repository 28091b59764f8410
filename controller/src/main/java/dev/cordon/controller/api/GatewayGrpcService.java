package dev.cordon.controller.api;

import dev.cordon.controller.ca.CertificateAuthority;
import dev.cordon.controller.gateways.GatewayViews;
import dev.cordon.controller.gateways.Presence;
import dev.cordon.controller.identity.Renewal;
import dev.cordon.controller.registry.Registry;
import dev.cordon.controller.telemetry.Telemetry;
import dev.cordon.proto.v1.AcknowledgeRequest;
import dev.cordon.proto.v1.AcknowledgeResponse;
import dev.cordon.proto.v1.GatewayServiceGrpc;
import dev.cordon.proto.v1.GatewayTableUpdate;
import dev.cordon.proto.v1.IpPrefix;
import dev.cordon.proto.v1.RegisterRequest;
import dev.cordon.proto.v1.RegisterResponse;
import dev.cordon.proto.v1.RenewRequest;
import dev.cordon.proto.v1.RenewResponse;
import dev.cordon.proto.v1.ReportTelemetryResponse;
import dev.cordon.proto.v1.TelemetryBatch;
import dev.cordon.proto.v1.WatchTableRequest;
import io.grpc.Context;
import io.grpc.stub.StreamObserver;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/** Gateway calls; the gateway is always {@link Caller#current()}. Tables go to the table side. */
final class GatewayGrpcService extends GatewayServiceGrpc.GatewayServiceImplBase {

  private final Renewal renewal;
  private final Registry registry;
  private final CertificateAuthority ca;
  private final TableSide tables;
  private final Presence presence;
  private final GatewayViews views;
  private final Telemetry telemetry;

  GatewayGrpcService(
      Renewal renewal,
      Registry registry,
      CertificateAuthority ca,
      TableSide tables,
      Presence presence,
      GatewayViews views,
      Telemetry telemetry) {
    this.renewal = renewal;
    this.registry = registry;
    this.ca = ca;
    this.tables = tables;
    this.presence = presence;
    this.views = views;
    this.telemetry = telemetry;
  }

  @Override
  public void register(RegisterRequest request, StreamObserver<RegisterResponse> out) {
    List<String> endpoints =
        request.getEndpointsList().stream().map(e -> e.getHost() + ":" + e.getPort()).toList();
    List<String> prefixes = request.getProtectedPrefixesList().stream().map(this::prefix).toList();
    String name = Caller.current().principal().name();
    registry.registerGateway(name, endpoints, prefixes, request.getSoftwareVersion());
    out.onNext(
        RegisterResponse.newBuilder()
            .setGateway(
                ProtoMapping.gateway(views.get(name), ca.issuingCertificate(), ca.trustDomain()))
            .build());
    out.onCompleted();
  }

  private String prefix(IpPrefix prefix) {
    try {
      return InetAddress.getByAddress(prefix.getOctets().toByteArray()).getHostAddress()
          + "/"
          + prefix.getLength();
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("a protected prefix must be 4 or 16 octets", e);
    }
  }

  @Override
  public void renew(RenewRequest request, StreamObserver<RenewResponse> out) {
    Caller caller = Caller.current();
    out.onNext(
        DeviceGrpcService.renewResponse(
            renewal.renew(
                caller.principal(), caller.certificate(), request.getCsrDer().toByteArray())));
    out.onCompleted();
  }

  @Override
  public void watchTable(WatchTableRequest request, StreamObserver<GatewayTableUpdate> out) {
    // The call's context is cancelled however the call ends (gateway gone, stream ended with an
    // error, server stopping), so the watch stops counting as presence exactly then.
    Presence.Held held = presence.opened(Caller.current().principal().name());
    Context.current().addListener(c -> held.close(), Runnable::run);
    tables.watchGatewayTable(request, out);
  }

  @Override
  public void acknowledge(AcknowledgeRequest request, StreamObserver<AcknowledgeResponse> out) {
    tables.acknowledge(request, out);
  }

  @Override
  public StreamObserver<TelemetryBatch> reportTelemetry(
      StreamObserver<ReportTelemetryResponse> out) {
    // Attributed to the TLS session's gateway, whatever the records say.
    return telemetry.intake(ProtoMapping.identity(Caller.current().principal()), out);
  }
}
