package dev.cordon.client.agent;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cordon.client.cli.CliException;
import dev.cordon.client.cli.ClientContext;
import dev.cordon.client.connect.AdminCredential;
import dev.cordon.client.connect.Connector;
import dev.cordon.client.identity.ControllerTrustManager;
import dev.cordon.client.identity.StateDirectory;
import dev.cordon.client.identity.WireGuardKeyPair;
import dev.cordon.client.testing.TestCa;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/** An agent wired to an in-process DeviceService, a state directory and a chosen tunnel. */
final class AgentHarness implements AutoCloseable {

  private final Path temp;

  AgentHarness(Path temp) {
    this.temp = temp;
  }

  private final String name = InProcessServerBuilder.generateName();
  final FakeTunnel tunnel = new FakeTunnel();
  final StringWriter out = new StringWriter();
  final StringWriter progress = new StringWriter();
  private Server server;

  @Override
  public void close() {
    if (server != null) {
      server.shutdownNow();
    }
  }

  Agent agent(FakeDeviceService service) throws Exception {
    return agent(service, tunnel.factory(), "cordon-test0");
  }

  Agent agent(FakeDeviceService service, Tunnel.Factory factory, String interfaceName)
      throws Exception {
    server = InProcessServerBuilder.forName(name).addService(service).build().start();
    Connector connector =
        new Connector() {
          @Override
          public ManagedChannel enrollment(String target, ControllerTrustManager trust) {
            throw new AssertionError("the agent never enrolls");
          }

          @Override
          public ManagedChannel device(String target, StateDirectory state) {
            return InProcessChannelBuilder.forName(name).build();
          }

          @Override
          public ManagedChannel admin(String target, AdminCredential credential) {
            throw new AssertionError("the agent is no admin");
          }
        };
    ClientContext context =
        new ClientContext(connector, k -> null, temp, Clock.fixed(TestCa.NOW, ZoneOffset.UTC));
    StateDirectory state =
        CertificateFilesTest.enrolled(
            temp.resolve("state"), new TestCa("ca"), WireGuardKeyPair.generate(new SecureRandom()));
    Path os = Files.writeString(temp.resolve("os-release"), "NAME=Debian\nVERSION_ID=13\n");
    Path kernel = Files.writeString(temp.resolve("osrelease"), "6.12.0\n");
    AgentOptions options =
        new AgentOptions(
            interfaceName,
            new Posture.Sources(os, kernel, null, "hq", null, "test"),
            Duration.ofMinutes(10),
            Duration.ofMinutes(10),
            Duration.ofSeconds(5),
            Duration.ofMillis(50));
    return new Agent(
        context,
        state,
        options,
        factory,
        new PrintWriter(out, true),
        new PrintWriter(progress, true));
  }

  static CompletableFuture<Integer> start(Agent agent) {
    return CompletableFuture.supplyAsync(
        () -> {
          try {
            return agent.run();
          } catch (CliException e) {
            throw e;
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        });
  }

  static CliException failure(CompletableFuture<Integer> run) {
    ExecutionException e =
        assertThrows(ExecutionException.class, () -> run.get(20, TimeUnit.SECONDS));
    assertTrue(e.getCause() instanceof CliException, "not a CliException: " + e.getCause());
    return (CliException) e.getCause();
  }
}
