package dev.cordon.controller.api;

import dev.cordon.controller.ca.CertificateAuthority;
import dev.cordon.controller.identity.Renewal;
import dev.cordon.controller.registry.GatewayRecord;
import dev.cordon.controller.registry.Registry;
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

  GatewayGrpcService(
      Renewal renewal, Registry registry, CertificateAuthority ca, TableSide tables) {
    this.renewal = renewal;
    this.registry = registry;
    this.ca = ca;
    this.tables = tables;
  }

  @Override
  public void register(RegisterRequest request, StreamObserver<RegisterResponse> out) {
    List<String> endpoints =
        request.getEndpointsList().stream().map(e -> e.getHost() + ":" + e.getPort()).toList();
    List<String> prefixes = request.getProtectedPrefixesList().stream().map(this::prefix).toList();
    GatewayRecord gateway =
        registry.registerGateway(
            Caller.current().principal().name(), endpoints, prefixes, request.getSoftwareVersion());
    out.onNext(
        RegisterResponse.newBuilder()
            .setGateway(ProtoMapping.gateway(gateway, ca.issuingCertificate(), ca.trustDomain()))
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
    tables.watchGatewayTable(request, out);
  }

  @Override
  public void acknowledge(AcknowledgeRequest request, StreamObserver<AcknowledgeResponse> out) {
    tables.acknowledge(request, out);
  }

  @Override
  public StreamObserver<TelemetryBatch> reportTelemetry(
      StreamObserver<ReportTelemetryResponse> out) {
    return tables.reportTelemetry(out);
  }
}
