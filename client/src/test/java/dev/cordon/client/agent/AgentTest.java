package dev.cordon.client.agent;

import static dev.cordon.client.agent.FakeDeviceService.sends;
import static dev.cordon.client.agent.Tables.delta;
import static dev.cordon.client.agent.Tables.gateway;
import static dev.cordon.client.agent.Tables.keyText;
import static dev.cordon.client.agent.Tables.snapshot;
import static dev.cordon.client.agent.Tables.table;
import static dev.cordon.client.agent.Tables.update;
import static dev.cordon.client.testing.Texts.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cordon.client.cli.CliException;
import dev.cordon.client.cli.ExitCodes;
import dev.cordon.proto.v1.DeviceStatus;
import io.grpc.Status;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(30)
class AgentTest {

  @TempDir Path temp;
  private AgentHarness harness;
  private FakeTunnel tunnel;
  private StringWriter out;
  private StringWriter progress;

  @BeforeEach
  void harness() {
    harness = new AgentHarness(temp);
    tunnel = harness.tunnel;
    out = harness.out;
    progress = harness.progress;
  }

  @AfterEach
  void close() {
    harness.close();
  }

  private Agent agent(FakeDeviceService service) throws Exception {
    return harness.agent(service);
  }

  private static CompletableFuture<Integer> start(Agent agent) {
    return AgentHarness.start(agent);
  }

  private static CliException failure(CompletableFuture<Integer> run) {
    return AgentHarness.failure(run);
  }

  @Test
  void aRevocationPushedOnTheStreamTearsEveryTunnelDownAndExitsWithPermissionDenied()
      throws Exception {
    FakeDeviceService service =
        new FakeDeviceService(
            sends(
                snapshot(table(3, gateway(1, "gw-1", "10.10.1.0/24"))),
                update(delta(3, 4).addAddedPeers(gateway(2, "gw-2", "10.20.0.0/16"))),
                update(delta(4, 5).setStatus(DeviceStatus.DEVICE_STATUS_REVOKED))));
    Agent agent = agent(service);

    CliException e = failure(start(agent));

    assertEquals(ExitCodes.PERMISSION_DENIED, e.exitCode());
    assertEquals(
        "device d-1 is revoked: the controller's table says this device is revoked. All tunnels"
            + " were torn down and cordon-test0 removed. To rejoin, an administrator must issue a"
            + " new token and the device must enroll again",
        e.getMessage());
    assertEquals(
        List.of(
            "open cordon-test0",
            "address 100.64.0.7/32",
            "set peer " + keyText(1) + " [10.10.1.0/24]",
            "route 10.10.1.0/24",
            "set peer " + keyText(2) + " [10.20.0.0/16]",
            "route 10.20.0.0/16",
            "unroute 10.10.1.0/24",
            "unroute 10.20.0.0/16",
            "remove peer " + keyText(1),
            "remove peer " + keyText(2),
            "close"),
        tunnel.steps);
    assertTrue(tunnel.peers.isEmpty());
    assertFalse(Files.exists(temp.resolve("state").resolve(PidFile.FILE)));
    assertFalse(Files.exists(temp.resolve("state").resolve(AgentStatus.FILE)));
    assertContains(progress.toString(), "Connecting to the controller at controller.test:7443 ...");
    assertContains(
        out.toString(),
        "Connected; table version 3 (policy 30): 1 peer(s), 1 route(s), 0 inbound rule(s).",
        "Applied table version 4 (policy 40): 2 peer(s), 2 route(s), 0 inbound rule(s).");
  }

  @Test
  void aStreamRefusedWithPermissionDeniedIsARevocationToo() throws Exception {
    FakeDeviceService service =
        new FakeDeviceService(
            stream -> {
              stream.onNext(snapshot(table(3, gateway(1, "gw-1", "10.10.1.0/24"))));
              stream.onError(
                  Status.PERMISSION_DENIED.withDescription("device d-1 is revoked").asException());
            });

    CliException e = failure(start(agent(service)));

    assertEquals(ExitCodes.PERMISSION_DENIED, e.exitCode());
    assertContains(
        e.getMessage(),
        "the controller refused this device (PERMISSION_DENIED: device d-1 is revoked)");
    assertEquals("close", tunnel.steps.getLast());
    assertTrue(tunnel.routes.isEmpty());
  }

  @Test
  void aDeltaThatDoesNotFitResyncsFromTheLastGoodVersionAndKeepsTheTableMeanwhile()
      throws Exception {
    FakeDeviceService service =
        new FakeDeviceService(
            sends(
                snapshot(table(3, gateway(1, "gw-1", "10.10.1.0/24"))),
                update(delta(7, 8).addAddedPeers(gateway(2, "gw-2", "10.20.0.0/16")))),
            sends(update(delta(3, 4).setStatus(DeviceStatus.DEVICE_STATUS_REVOKED))));

    CliException e = failure(start(agent(service)));

    assertEquals(List.of(0L, 3L), service.knownVersions);
    assertEquals(ExitCodes.PERMISSION_DENIED, e.exitCode());
    assertContains(
        out.toString(),
        "Table update does not fit (a delta from version 7 while holding version 3); resyncing"
            + " from version 3.");
    assertFalse(tunnel.steps.contains("set peer " + keyText(2) + " [10.20.0.0/16]"));
  }

  @Test
  void aBrokenStreamKeepsTheTableAndResumesFromTheVersionHeld() throws Exception {
    FakeDeviceService service =
        new FakeDeviceService(
            stream -> {
              stream.onNext(snapshot(table(3, gateway(1, "gw-1", "10.10.1.0/24"))));
              stream.onError(
                  Status.UNAVAILABLE.withDescription("controller restarting").asException());
            },
            sends(update(delta(3, 4).setStatus(DeviceStatus.DEVICE_STATUS_REVOKED))));

    CliException e = failure(start(agent(service)));

    assertEquals(ExitCodes.PERMISSION_DENIED, e.exitCode());
    assertEquals(List.of(0L, 3L), service.knownVersions);
    assertContains(
        progress.toString(),
        "Lost the controller (UNAVAILABLE: controller restarting); keeping table version 3,"
            + " reconnecting in ");
    // Nothing was removed while the controller was away: the first removal is the revocation's.
    int firstRemoval = tunnel.steps.indexOf("unroute 10.10.1.0/24");
    assertEquals(tunnel.steps.size() - 3, firstRemoval);
  }

  @Test
  void stopTearsDownRemovesThePidfileAndReturnsOk() throws Exception {
    FakeDeviceService service =
        new FakeDeviceService(sends(snapshot(table(3, gateway(1, "gw-1", "10.10.1.0/24")))));
    Agent agent = agent(service);
    CompletableFuture<Integer> run = start(agent);
    Path status = temp.resolve("state").resolve(AgentStatus.FILE);
    waitFor(() -> Files.exists(status) && readQuietly(status).tableVersion() == 3);
    AgentStatus written = AgentStatus.read(status);
    assertEquals("connected", written.controller());
    assertEquals("gw-1", written.peers().getFirst().name());
    assertEquals(List.of("10.10.1.0/24"), written.peers().getFirst().prefixes());
    waitFor(() -> !service.postures.isEmpty());
    assertEquals("hq", service.postures.getFirst().getReport().getSite());

    agent.stop();

    assertEquals(ExitCodes.OK, run.get(10, TimeUnit.SECONDS));
    assertEquals(
        List.of("unroute 10.10.1.0/24", "remove peer " + keyText(1), "close"),
        tunnel.steps.subList(tunnel.steps.size() - 3, tunnel.steps.size()));
    assertFalse(Files.exists(temp.resolve("state").resolve(PidFile.FILE)));
  }

  private static AgentStatus readQuietly(Path file) {
    try {
      return AgentStatus.read(file);
    } catch (java.io.IOException e) {
      return null;
    }
  }

  private static void waitFor(java.util.function.BooleanSupplier condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met within 10 s");
      }
      Thread.sleep(20);
    }
  }
}
