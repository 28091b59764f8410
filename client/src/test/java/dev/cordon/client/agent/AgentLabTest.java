package dev.cordon.client.agent;

import static dev.cordon.client.agent.FakeDeviceService.sends;
import static dev.cordon.client.agent.Tables.delta;
import static dev.cordon.client.agent.Tables.gateway;
import static dev.cordon.client.agent.Tables.snapshot;
import static dev.cordon.client.agent.Tables.table;
import static dev.cordon.client.agent.Tables.update;
import static dev.cordon.client.testing.Texts.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.cordon.client.cli.CliException;
import dev.cordon.client.cli.ExitCodes;
import dev.cordon.proto.v1.DeviceStatus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent on a real TUN interface (needs root): the table's routes appear in the kernel's table,
 * a narrowed delta removes one, and revocation removes the interface. The controller is an
 * in-process double; no packet is sent (the routes point at documentation prefixes).
 */
@Tag("lab")
class AgentLabTest {

  @TempDir Path temp;

  @Test
  void onARealInterfaceRoutesFollowTheTableAndRevocationRemovesTheInterface() throws Exception {
    byte[] suffix = new byte[3];
    new SecureRandom().nextBytes(suffix);
    String name = "cdt" + HexFormat.of().formatHex(suffix);
    CountDownLatch revoke = new CountDownLatch(1);
    Consumer<io.grpc.stub.StreamObserver<dev.cordon.proto.v1.DeviceTableUpdate>> script =
        stream -> {
          sends(
                  snapshot(table(3, gateway(1, "gw-1", "198.51.100.0/24", "203.0.113.0/25"))),
                  update(delta(3, 4).addChangedPeers(gateway(1, "gw-1", "198.51.100.0/24"))))
              .accept(stream);
          Thread.ofVirtual()
              .start(
                  () -> {
                    try {
                      revoke.await(20, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                      return;
                    }
                    stream.onNext(
                        update(delta(4, 5).setStatus(DeviceStatus.DEVICE_STATUS_REVOKED)));
                  });
        };
    try (AgentHarness harness = new AgentHarness(temp)) {
      Agent agent = harness.agent(new FakeDeviceService(script), WireGuardTunnel::open, name);
      CompletableFuture<Integer> run = AgentHarness.start(agent);
      waitForRoutes(name, "198.51.100.0/24 scope link");
      String routes = ip("route", "show", "dev", name);
      assertFalse(routes.contains("203.0.113.0/25"), routes);
      assertContains(ip("address", "show", "dev", name), "inet 100.64.0.7/32");

      revoke.countDown();
      CliException e = AgentHarness.failure(run);

      assertEquals(ExitCodes.PERMISSION_DENIED, e.exitCode());
      assertEquals("", ipQuiet("link", "show", name));
    } finally {
      ipQuiet("link", "del", name);
    }
  }

  private static void waitForRoutes(String name, String expected) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!ipQuiet("route", "show", "dev", name).contains(expected)
        || ipQuiet("route", "show", "dev", name).contains("203.0.113.0/25")) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "routes of " + name + ": " + ipQuiet("route", "show", "dev", name));
      }
      Thread.sleep(50);
    }
  }

  private static String ip(String... args) throws IOException, InterruptedException {
    String[] command = new String[args.length + 1];
    command[0] = "ip";
    System.arraycopy(args, 0, command, 1, args.length);
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IOException(String.join(" ", command) + ": " + output);
    }
    return output;
  }

  private static String ipQuiet(String... args) {
    try {
      return ip(args);
    } catch (IOException | InterruptedException e) {
      return "";
    }
  }
}
