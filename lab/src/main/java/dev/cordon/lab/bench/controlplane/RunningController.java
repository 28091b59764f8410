package dev.cordon.lab.bench.controlplane;

import com.google.protobuf.Duration;
import dev.cordon.client.connect.AdminCredential;
import dev.cordon.client.connect.NettyConnector;
import dev.cordon.controller.ca.IssuanceOptions;
import dev.cordon.controller.daemon.ControllerRuntime;
import dev.cordon.controller.daemon.ControllerSettings;
import dev.cordon.controller.ipam.AddressPool;
import dev.cordon.proto.v1.AdminServiceGrpc;
import dev.cordon.proto.v1.ApplyPolicyRequest;
import dev.cordon.proto.v1.ApplyPolicyResponse;
import dev.cordon.proto.v1.CreateTokenRequest;
import dev.cordon.proto.v1.PrincipalKind;
import dev.cordon.proto.v1.TokenSpec;
import io.grpc.ManagedChannel;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A real controller in this JVM, listening on a loopback port with its own data directory, and the
 * owner's admin channel to it (the credential the first start writes). The store is the embedded
 * one or etcd, as {@code store} says ({@code sqlite} or {@code etcd://...}).
 */
final class RunningController implements AutoCloseable {
  static final String TRUST_DOMAIN = "cordon.bench";

  private final ControllerRuntime runtime;
  private final String target;
  private final ManagedChannel admin;
  private volatile long policyVersion;

  private RunningController(ControllerRuntime runtime, String target, ManagedChannel admin) {
    this.runtime = runtime;
    this.target = target;
    this.admin = admin;
  }

  static RunningController start(Path dataDir, String store) throws Exception {
    int port = freePort();
    String target = "127.0.0.1:" + port;
    ControllerSettings settings =
        new ControllerSettings(
            "bench-controller",
            new InetSocketAddress("127.0.0.1", port),
            dataDir,
            TRUST_DOMAIN,
            store,
            target,
            AddressPool.DEFAULT,
            Optional.empty(),
            List.of(),
            IssuanceOptions.DEFAULT,
            Optional.empty(),
            Optional.empty());
    StringWriter startup = new StringWriter();
    ControllerRuntime runtime =
        ControllerRuntime.start(settings, Clock.systemUTC(), new PrintWriter(startup, true));
    try {
      ManagedChannel admin =
          new NettyConnector()
              .admin(target, new AdminCredential(dataDir.resolve("owner-credential")));
      return new RunningController(runtime, target, admin);
    } catch (Exception e) {
      runtime.close();
      throw new IllegalStateException("controller started but no admin channel:\n" + startup, e);
    }
  }

  String target() {
    return target;
  }

  /** A single-use token (the string is shown once: here, to the simulated device). */
  String createToken(PrincipalKind kind, String name, Map<String, String> labels) {
    TokenSpec spec =
        TokenSpec.newBuilder()
            .setKind(kind)
            .setName(name)
            .putAllLabels(labels)
            .setMaxUses(1)
            .setValidFor(Duration.newBuilder().setSeconds(3600))
            .build();
    return AdminServiceGrpc.newBlockingStub(admin)
        .withDeadlineAfter(30, TimeUnit.SECONDS)
        .createToken(CreateTokenRequest.newBuilder().setSpec(spec).build())
        .getToken();
  }

  ApplyPolicyResponse applyPolicy(String yaml) {
    ApplyPolicyResponse r =
        AdminServiceGrpc.newBlockingStub(admin)
            .withDeadlineAfter(60, TimeUnit.SECONDS)
            .applyPolicy(ApplyPolicyRequest.newBuilder().setSource(yaml).build());
    if (!r.getApplied()) throw new IllegalStateException("policy refused: " + r.getProblemsList());
    policyVersion = r.getVersion();
    return r;
  }

  /** The version of the last document applied through {@link #applyPolicy}. */
  long policyVersion() {
    return policyVersion;
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  @Override
  public void close() throws InterruptedException {
    admin.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    runtime.close();
  }
}
