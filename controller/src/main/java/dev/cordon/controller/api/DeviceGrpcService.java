package dev.cordon.controller.api;

import dev.cordon.controller.identity.Renewal;
import dev.cordon.controller.identity.Renewed;
import dev.cordon.controller.registry.DeviceRecord;
import dev.cordon.controller.registry.Registry;
import dev.cordon.proto.v1.DeviceServiceGrpc;
import dev.cordon.proto.v1.DeviceTableUpdate;
import dev.cordon.proto.v1.RenewRequest;
import dev.cordon.proto.v1.RenewResponse;
import dev.cordon.proto.v1.ReportPostureRequest;
import dev.cordon.proto.v1.ReportPostureResponse;
import dev.cordon.proto.v1.SyncTableRequest;
import io.grpc.stub.StreamObserver;
import java.security.cert.X509Certificate;

/** Device calls; the device is always {@link Caller#current()}. */
final class DeviceGrpcService extends DeviceServiceGrpc.DeviceServiceImplBase {

  private final Renewal renewal;
  private final Registry registry;
  private final TableSide tables;

  DeviceGrpcService(Renewal renewal, Registry registry, TableSide tables) {
    this.renewal = renewal;
    this.registry = registry;
    this.tables = tables;
  }

  @Override
  public void renew(RenewRequest request, StreamObserver<RenewResponse> out) {
    Caller caller = Caller.current();
    Renewed renewed =
        renewal.renew(caller.principal(), caller.certificate(), request.getCsrDer().toByteArray());
    out.onNext(renewResponse(renewed));
    out.onCompleted();
  }

  static RenewResponse renewResponse(Renewed renewed) {
    RenewResponse.Builder reply =
        RenewResponse.newBuilder()
            .addCertificateChain(ProtoMapping.der(renewed.certificate()))
            .setNotAfter(ProtoMapping.timestamp(renewed.certificate().getNotAfter().toInstant()));
    if (renewed.caBundle().size() > 1) {
      reply.addCertificateChain(ProtoMapping.der(renewed.caBundle().getFirst()));
    }
    for (X509Certificate ca : renewed.caBundle().reversed()) {
      reply.addCaBundle(ProtoMapping.der(ca));
    }
    return reply.build();
  }

  @Override
  public void syncTable(SyncTableRequest request, StreamObserver<DeviceTableUpdate> out) {
    tables.syncDeviceTable(request, out);
  }

  @Override
  public void reportPosture(
      ReportPostureRequest request, StreamObserver<ReportPostureResponse> out) {
    DeviceRecord device =
        registry.reportPosture(
            Caller.current().principal().name(), ProtoMapping.posture(request.getReport()));
    out.onNext(
        ReportPostureResponse.newBuilder().setStatus(ProtoMapping.status(device.status())).build());
    out.onCompleted();
  }
}
