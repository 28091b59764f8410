package dev.cordon.controller.api;

import dev.cordon.controller.ca.PrincipalKind;
import dev.cordon.controller.enroll.Enrolled;
import dev.cordon.controller.enroll.Enrollment;
import dev.cordon.controller.enroll.EnrollmentRequest;
import dev.cordon.proto.v1.EnrollRequest;
import dev.cordon.proto.v1.EnrollResponse;
import dev.cordon.proto.v1.EnrollmentServiceGrpc;
import io.grpc.stub.StreamObserver;
import java.security.cert.X509Certificate;

/** Enroll: map, delegate, map back. */
final class EnrollmentGrpcService extends EnrollmentServiceGrpc.EnrollmentServiceImplBase {

  private final Enrollment enrollment;
  private final RpcMetrics metrics;

  EnrollmentGrpcService(Enrollment enrollment, RpcMetrics metrics) {
    this.enrollment = enrollment;
    this.metrics = metrics;
  }

  @Override
  public void enroll(EnrollRequest request, StreamObserver<EnrollResponse> out) {
    Enrolled enrolled;
    try {
      enrolled =
          enrollment.enroll(
              new EnrollmentRequest(
                  request.getToken(),
                  request.getCsrDer().toByteArray(),
                  request.getWireguardPublicKey().toByteArray(),
                  request.getStockWireguard()));
    } catch (dev.cordon.controller.enroll.EnrollmentRefused e) {
      metrics.denied("TOKEN_" + e.reason().name());
      throw e;
    }
    metrics.enrolled();
    EnrollResponse.Builder reply =
        EnrollResponse.newBuilder()
            .setIdentity(ProtoMapping.identity(enrolled.principal()))
            .setDeviceId(
                enrolled.principal().kind() == PrincipalKind.DEVICE
                    ? enrolled.principal().name()
                    : "")
            .addCertificateChain(ProtoMapping.der(enrolled.certificate()))
            .setOverlayAddress(ProtoMapping.address(enrolled.overlayAddress()))
            .setApprovalPending(enrolled.approvalPending());
    chainAndBundle(enrolled.caBundle(), reply);
    out.onNext(reply.build());
    out.onCompleted();
  }

  /** The chain ends before the root; the bundle starts with the root. */
  private static void chainAndBundle(
      java.util.List<X509Certificate> bundle, EnrollResponse.Builder reply) {
    if (bundle.size() > 1) {
      reply.addCertificateChain(ProtoMapping.der(bundle.getFirst()));
    }
    for (X509Certificate ca : bundle.reversed()) {
      reply.addCaBundle(ProtoMapping.der(ca));
    }
  }
}
