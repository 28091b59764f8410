package dev.cordon.client.agent;

import dev.cordon.proto.v1.DeviceServiceGrpc;
import dev.cordon.proto.v1.DeviceStatus;
import dev.cordon.proto.v1.DeviceTableUpdate;
import dev.cordon.proto.v1.ReportPostureRequest;
import dev.cordon.proto.v1.ReportPostureResponse;
import dev.cordon.proto.v1.SyncTableRequest;
import io.grpc.stub.StreamObserver;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;

/**
 * A DeviceService that plays one script per SyncTable call (the first call gets the first script,
 * and so on; calls past the last script get nothing and stay open), and records what it was asked.
 */
final class FakeDeviceService extends DeviceServiceGrpc.DeviceServiceImplBase {

  final List<Long> knownVersions = Collections.synchronizedList(new ArrayList<>());
  final List<ReportPostureRequest> postures = Collections.synchronizedList(new ArrayList<>());
  private final List<Consumer<StreamObserver<DeviceTableUpdate>>> scripts;

  @SafeVarargs
  FakeDeviceService(Consumer<StreamObserver<DeviceTableUpdate>>... scripts) {
    this.scripts = List.of(scripts);
  }

  static Consumer<StreamObserver<DeviceTableUpdate>> sends(DeviceTableUpdate... updates) {
    return stream -> {
      for (DeviceTableUpdate u : updates) {
        stream.onNext(u);
      }
    };
  }

  @Override
  public void syncTable(SyncTableRequest request, StreamObserver<DeviceTableUpdate> stream) {
    int call = knownVersions.size();
    knownVersions.add(request.getKnownVersion());
    if (call < scripts.size()) {
      scripts.get(call).accept(stream);
    }
  }

  @Override
  public void reportPosture(
      ReportPostureRequest request, StreamObserver<ReportPostureResponse> reply) {
    postures.add(request);
    reply.onNext(
        ReportPostureResponse.newBuilder().setStatus(DeviceStatus.DEVICE_STATUS_ACTIVE).build());
    reply.onCompleted();
  }
}
