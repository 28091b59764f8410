package dev.cordon.client.agent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.protobuf.ByteString;
import dev.cordon.client.identity.CertificateKeys;
import dev.cordon.client.identity.StateDirectory;
import dev.cordon.client.identity.WireGuardKeyPair;
import dev.cordon.client.testing.TestCa;
import dev.cordon.proto.v1.DeviceServiceGrpc;
import dev.cordon.proto.v1.RenewRequest;
import dev.cordon.proto.v1.RenewResponse;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.StreamObserver;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.SecureRandom;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CertificateRenewalTest {

  @TempDir Path temp;
  private Server server;
  private ManagedChannel channel;

  @AfterEach
  void close() {
    if (channel != null) {
      channel.shutdownNow();
    }
    if (server != null) {
      server.shutdownNow();
    }
  }

  /** A Renew that issues for the CSR's key, or (when {@code honest} is false) for another key. */
  private DeviceServiceGrpc.DeviceServiceBlockingStub controller(TestCa ca, boolean honest)
      throws Exception {
    String name = InProcessServerBuilder.generateName();
    server =
        InProcessServerBuilder.forName(name)
            .directExecutor()
            .addService(
                new DeviceServiceGrpc.DeviceServiceImplBase() {
                  @Override
                  public void renew(RenewRequest request, StreamObserver<RenewResponse> reply) {
                    try {
                      PublicKey key =
                          honest
                              ? new JcaPKCS10CertificationRequest(request.getCsrDer().toByteArray())
                                  .getPublicKey()
                              : CertificateKeys.generate(new SecureRandom()).getPublic();
                      reply.onNext(
                          RenewResponse.newBuilder()
                              .addCertificateChain(
                                  ByteString.copyFrom(
                                      ca.issue(key, CertificateFilesTest.IDENTITY.spiffeId())
                                          .getEncoded()))
                              .addCaBundle(ByteString.copyFrom(ca.root().getEncoded()))
                              .build());
                      reply.onCompleted();
                    } catch (Exception e) {
                      reply.onError(e);
                    }
                  }
                })
            .build()
            .start();
    channel = InProcessChannelBuilder.forName(name).directExecutor().build();
    return DeviceServiceGrpc.newBlockingStub(channel);
  }

  @Test
  void renewalInstallsACertificateForANewKeyAndKeepsTheWireGuardKey() throws Exception {
    TestCa ca = new TestCa("ca");
    WireGuardKeyPair wg = WireGuardKeyPair.generate(new SecureRandom());
    StateDirectory state = CertificateFilesTest.enrolled(temp.resolve("s"), ca, wg);
    byte[] oldKey = state.certificateKey().getEncoded();

    CertificateRenewal.Validity validity =
        CertificateRenewal.renew(controller(ca, true), state, new SecureRandom(), 5000);

    assertEquals(TestCa.NOW.plusSeconds(30L * 86_400), validity.notAfter());
    byte[] newKey = state.certificateKey().getEncoded();
    assertEquals(false, java.util.Arrays.equals(oldKey, newKey));
    assertArrayEquals(wg.privateKey(), state.wireGuardKeys().privateKey());
  }

  @Test
  void aCertificateForAnotherKeyIsRefusedAndTheOldPairStays() throws Exception {
    TestCa ca = new TestCa("ca");
    StateDirectory state =
        CertificateFilesTest.enrolled(
            temp.resolve("s"), ca, WireGuardKeyPair.generate(new SecureRandom()));
    byte[] oldKey = state.certificateKey().getEncoded();
    byte[] oldLeaf = state.certificateChain().getFirst().getEncoded();

    GeneralSecurityException e =
        assertThrows(
            GeneralSecurityException.class,
            () -> CertificateRenewal.renew(controller(ca, false), state, new SecureRandom(), 5000));

    assertEquals("the renewed certificate is not for the key we sent", e.getMessage());
    assertArrayEquals(oldKey, state.certificateKey().getEncoded());
    assertArrayEquals(oldLeaf, state.certificateChain().getFirst().getEncoded());
  }
}
