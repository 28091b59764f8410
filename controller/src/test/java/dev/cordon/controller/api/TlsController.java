package dev.cordon.controller.api;

import dev.cordon.controller.gateways.Presence;
import dev.cordon.controller.identity.ControllerCertificate;
import dev.cordon.controller.identity.LocalKeys;
import dev.cordon.controller.registry.AdminRecord;
import dev.cordon.controller.registry.AdminRole;
import dev.cordon.controller.testing.Fleet;
import dev.cordon.proto.v1.AdminServiceGrpc;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/** A real controller server on 127.0.0.1 with TLS 1.3, and clients holding real credentials. */
final class TlsController implements AutoCloseable {

  /** A client's key and the certificate the controller issued for it. */
  record Credential(KeyPair keys, X509Certificate certificate) {}

  final Fleet fleet;
  final RpcMetrics metrics = new RpcMetrics();
  final ControllerServer server;
  private final List<ManagedChannel> channels = new ArrayList<>();

  TlsController(Path dir) throws Exception {
    this(dir, f -> TableSide.NOT_YET, f -> Presence.local());
  }

  /** With a table side and presence built over the fleet's store. */
  TlsController(Path dir, Function<Fleet, TableSide> tables, Function<Fleet, Presence> presence)
      throws Exception {
    fleet = new Fleet(dir);
    server =
        ControllerServer.builder()
            .address(new InetSocketAddress("127.0.0.1", 0))
            .domain(fleet.domain)
            .verifier(fleet.ca.verifier(fleet.revocations))
            .certificate(
                ControllerCertificate.issue(
                    fleet.ca,
                    "c1",
                    List.of("localhost"),
                    List.of(InetAddress.getByName("127.0.0.1")),
                    Fleet.START,
                    Fleet.RANDOM))
            .clock(fleet.clock)
            .metrics(metrics)
            .tableSide(tables.apply(fleet))
            .presence(presence.apply(fleet))
            .start();
  }

  Credential admin(String name, AdminRole role) {
    KeyPair keys = LocalKeys.p256(Fleet.RANDOM);
    AdminRecord admin = fleet.domain.administrators().create("", name, role, LocalKeys.csr(keys));
    return new Credential(keys, admin.credential().current());
  }

  /** The Admin API as {@code credential} sees it, each call with a 10 s deadline. */
  AdminServiceGrpc.AdminServiceBlockingStub adminStub(Credential credential) throws Exception {
    return AdminServiceGrpc.newBlockingStub(channel(credential))
        .withDeadlineAfter(10, TimeUnit.SECONDS);
  }

  /** A channel presenting {@code credential}, or no client certificate when null. */
  ManagedChannel channel(Credential credential) throws Exception {
    SslContextBuilder tls =
        GrpcSslContexts.forClient().trustManager(fleet.ca.trustAnchor()).protocols("TLSv1.3");
    if (credential != null) {
      tls.keyManager(credential.keys().getPrivate(), credential.certificate());
    }
    ManagedChannel channel =
        NettyChannelBuilder.forAddress("127.0.0.1", server.port())
            .sslContext(tls.build())
            .maxInboundMessageSize(8 * 1024 * 1024)
            .build();
    channels.add(channel);
    return channel;
  }

  @Override
  public void close() throws Exception {
    for (ManagedChannel channel : channels) {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
    server.shutdown(java.time.Duration.ofSeconds(2));
    fleet.close();
  }
}
