package dev.cordon.client.testing;

import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import dev.cordon.proto.v1.AdminServiceGrpc;
import dev.cordon.proto.v1.CreateTokenRequest;
import dev.cordon.proto.v1.CreateTokenResponse;
import dev.cordon.proto.v1.DenyReason;
import dev.cordon.proto.v1.Device;
import dev.cordon.proto.v1.DeviceStatus;
import dev.cordon.proto.v1.DeviceStatusChangeRequest;
import dev.cordon.proto.v1.GetDeviceRequest;
import dev.cordon.proto.v1.IpAddress;
import dev.cordon.proto.v1.ListDevicesRequest;
import dev.cordon.proto.v1.ListDevicesResponse;
import dev.cordon.proto.v1.PageInfo;
import dev.cordon.proto.v1.TokenInfo;
import dev.cordon.proto.v1.Verdict;
import dev.cordon.proto.v1.WhatIfAnswer;
import dev.cordon.proto.v1.WhatIfQuery;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;

/** A fixed Admin service: two devices over two pages, one token, fixed what-if answers. */
public final class FakeAdmin extends AdminServiceGrpc.AdminServiceImplBase {

  static Device device(String id, String name, DeviceStatus status, int host) {
    return Device.newBuilder()
        .setDeviceId(id)
        .setName(name)
        .setDeviceType("camera")
        .setStatus(status)
        .addSegments("cameras")
        .setOverlayAddress(
            IpAddress.newBuilder()
                .setOctets(ByteString.copyFrom(new byte[] {100, 64, 0, (byte) host})))
        .setLastSeen(Timestamp.newBuilder().setSeconds(TestCa.NOW.getEpochSecond()))
        .build();
  }

  public static final Device CAM_1 = device("d-1", "cam-1", DeviceStatus.DEVICE_STATUS_ACTIVE, 7);
  public static final Device CAM_2 =
      device("d-2", "front-door-camera", DeviceStatus.DEVICE_STATUS_PENDING, 12);

  @Override
  public void listDevices(ListDevicesRequest request, StreamObserver<ListDevicesResponse> reply) {
    // Two pages, so that the CLI is seen to walk them.
    boolean first = request.getPage().getPageToken().isEmpty();
    reply.onNext(
        ListDevicesResponse.newBuilder()
            .addDevices(first ? CAM_1 : CAM_2)
            .setPage(PageInfo.newBuilder().setNextPageToken(first ? "p2" : ""))
            .build());
    reply.onCompleted();
  }

  @Override
  public void getDevice(GetDeviceRequest request, StreamObserver<Device> reply) {
    if (request.getDeviceId().equals("d-1")) {
      reply.onNext(CAM_1);
      reply.onCompleted();
    } else {
      reply.onError(
          Status.NOT_FOUND.withDescription("no device " + request.getDeviceId()).asException());
    }
  }

  @Override
  public void approveDevice(DeviceStatusChangeRequest request, StreamObserver<Device> reply) {
    reply.onNext(CAM_2.toBuilder().setStatus(DeviceStatus.DEVICE_STATUS_ACTIVE).build());
    reply.onCompleted();
  }

  @Override
  public void revokeDevice(DeviceStatusChangeRequest request, StreamObserver<Device> reply) {
    reply.onError(
        Status.PERMISSION_DENIED.withDescription("role auditor may not revoke").asException());
  }

  @Override
  public void createToken(CreateTokenRequest request, StreamObserver<CreateTokenResponse> reply) {
    reply.onNext(
        CreateTokenResponse.newBuilder()
            .setToken("cordon1_SECRET")
            .setInfo(
                TokenInfo.newBuilder()
                    .setTokenId("t-9")
                    .setSpec(request.getSpec())
                    .setExpiresAt(Timestamp.newBuilder().setSeconds(TestCa.NOW.getEpochSecond())))
            .build());
    reply.onCompleted();
  }

  /** Token t-9 enrolled d-1; any other id is unknown, as the controller would say. */
  @Override
  public void revokeToken(
      dev.cordon.proto.v1.RevokeTokenRequest request, StreamObserver<TokenInfo> reply) {
    if (!request.getTokenId().equals("t-9")) {
      reply.onError(
          Status.NOT_FOUND
              .withDescription("token " + request.getTokenId() + " does not exist")
              .asException());
      return;
    }
    reply.onNext(
        TokenInfo.newBuilder()
            .setTokenId("t-9")
            .setSpec(dev.cordon.proto.v1.TokenSpec.newBuilder().setName("cam-3"))
            .setState(dev.cordon.proto.v1.TokenState.TOKEN_STATE_REVOKED)
            .setUses(1)
            .addEnrolled("d-1")
            .build());
    reply.onCompleted();
  }

  @Override
  public void testPolicy(WhatIfQuery request, StreamObserver<WhatIfAnswer> reply) {
    boolean allowed = request.getService().equals("nvr");
    reply.onNext(
        WhatIfAnswer.newBuilder()
            .setVerdict(allowed ? Verdict.VERDICT_ALLOW : Verdict.VERDICT_DENY)
            .setReason(
                allowed
                    ? DenyReason.DENY_REASON_UNSPECIFIED
                    : DenyReason.DENY_REASON_NO_MATCHING_RULE)
            .setRuleId(allowed ? "cam-to-nvr" : "")
            .setPolicyVersion(3)
            .build());
    reply.onCompleted();
  }
}
