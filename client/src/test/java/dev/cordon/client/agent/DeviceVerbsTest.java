package dev.cordon.client.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.cordon.client.cli.ExitCodes;
import dev.cordon.client.identity.StateDirectory;
import dev.cordon.client.identity.WireGuardKeyPair;
import dev.cordon.client.testing.Cli;
import dev.cordon.client.testing.TestCa;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cordon status}, {@code down} and {@code up} as a person runs them: exit code and text. */
class DeviceVerbsTest {

  @TempDir Path temp;
  private Cli cli;
  private Path dir;
  private StateDirectory state;

  @BeforeEach
  void enroll() throws Exception {
    cli = new Cli(Map.of(), new FakeDeviceService());
    dir = temp.resolve("state");
    state =
        CertificateFilesTest.enrolled(
            dir, new TestCa("ca"), WireGuardKeyPair.generate(new SecureRandom()));
  }

  @AfterEach
  void close() {
    cli.close();
  }

  private static String fact(String label, Object value) {
    return String.format("%-23s%s%n", label + ":", value);
  }

  private String identityFacts() throws Exception {
    return fact("Device id", "d-1")
        + fact("Identity", "spiffe://cordon.test/device/d-1")
        + fact("Overlay address", "100.64.0.7")
        + fact("Controller", "controller.test:7443")
        + fact("Stock wireguard", false)
        + fact("Wireguard public key", state.wireGuardKeys().publicKeyBase64())
        + fact("Certificate expires", "2025-07-01T10:00:00Z")
        + fact("Certificate expired", false)
        + fact("Enrolled at", "2025-06-01T10:00:00Z")
        + fact("State dir", dir);
  }

  @Test
  void statusWithARunningAgentShowsVersionsAndEveryPeerWithHandshakeAgeAndBytes() throws Exception {
    PidFile.Owner owner = PidFile.claim(dir);
    AgentStatusTest.sample(owner.pid(), TestCa.NOW).write(dir.resolve(AgentStatus.FILE));

    Cli.Run run = cli.run("status", "--state-dir", dir.toString());

    assertEquals(ExitCodes.OK, run.exitCode(), run.err());
    assertEquals(
        identityFacts()
            + fact("Agent", "running (pid " + owner.pid() + ") on cordon0")
            + fact("Controller link", "connected")
            + fact("Device status", "active")
            + fact("Table version", 7)
            + fact("Policy version", 3)
            + fact("Posture reported", "2025-06-01T09:58:00Z")
            + fact("Drops", "deny_rule=1, no_matching_rule=3")
            + String.format("%n")
            + String.format(
                "PEER  ENDPOINT         HANDSHAKE  RECEIVED  SENT   PREFIXES                   KEY%n"
                    + "gw-1  192.0.2.1:51820  12s ago    1.5 KiB   512 B  10.10.1.0/24,10.10.2.0/24  %s%n"
                    + "gw-2  -                never      0 B       0 B    -                          %s%n",
                Tables.keyText(1), Tables.keyText(2)),
        run.out());
    assertEquals("", run.err());
  }

  @Test
  void statusWithoutAnAgentSaysSoAndHowToStartIt() throws Exception {
    Cli.Run run = cli.run("status", "--state-dir", dir.toString());
    assertEquals(ExitCodes.OK, run.exitCode());
    assertEquals(
        identityFacts() + fact("Agent", "not running (start it with 'sudo cordon up')"), run.out());
  }

  @Test
  void statusIgnoresAStatusFileWhoseAgentIsGone() throws Exception {
    Files.writeString(dir.resolve(PidFile.FILE), "pid=999999999\nstart=1\n");
    AgentStatusTest.sample(999999999, TestCa.NOW).write(dir.resolve(AgentStatus.FILE));
    Cli.Run run = cli.run("status", "--state-dir", dir.toString());
    assertEquals(
        identityFacts() + fact("Agent", "not running (start it with 'sudo cordon up')"), run.out());
  }

  @Test
  void statusAsJsonCarriesTheAgentsPeers() throws Exception {
    PidFile.Owner owner = PidFile.claim(dir);
    AgentStatusTest.sample(owner.pid(), TestCa.NOW).write(dir.resolve(AgentStatus.FILE));
    Cli.Run run = cli.run("status", "--state-dir", dir.toString(), "--json");
    assertEquals(ExitCodes.OK, run.exitCode());
    dev.cordon.client.testing.Texts.assertContains(
        run.out(),
        "\"agent\":{\"running\":true,\"pid\":" + owner.pid(),
        "\"table_version\":7",
        "\"name\":\"gw-1\"",
        "\"handshake_age_seconds\":12",
        "\"drops\":{\"deny_rule\":1,\"no_matching_rule\":3}");
  }

  @Test
  void downWithNoAgentRunningSaysThereIsNothingToStop() {
    Cli.Run run = cli.run("down", "--state-dir", dir.toString());
    assertEquals(ExitCodes.NOT_FOUND, run.exitCode());
    assertEquals("", run.out());
    assertEquals(
        "cordon: no agent is running for " + dir + "; nothing to stop" + System.lineSeparator(),
        run.err());
  }

  @Test
  void downRemovesAStalePidfileAndSaysSo() throws Exception {
    Files.writeString(dir.resolve(PidFile.FILE), "pid=999999999\nstart=1\n");
    Cli.Run run = cli.run("down", "--state-dir", dir.toString());
    assertEquals(ExitCodes.NOT_FOUND, run.exitCode());
    assertEquals(
        "cordon: no agent is running for "
            + dir
            + " (removed the stale pidfile of pid 999999999); nothing to stop"
            + System.lineSeparator(),
        run.err());
    assertFalse(Files.exists(dir.resolve(PidFile.FILE)));
  }

  @Test
  void downStopsTheProcessNamedInThePidfileAndWaitsForIt() throws Exception {
    Process sleeper = new ProcessBuilder("sleep", "30").start();
    long start = sleeper.toHandle().info().startInstant().orElseThrow().toEpochMilli();
    Files.writeString(
        dir.resolve(PidFile.FILE), "pid=" + sleeper.pid() + "\nstart=" + start + "\n");

    Cli.Run run = cli.run("down", "--state-dir", dir.toString(), "--timeout", "10s");

    assertEquals(ExitCodes.OK, run.exitCode(), run.err());
    assertFalse(sleeper.isAlive());
    assertEquals("Agent stopped; its tunnels are torn down." + System.lineSeparator(), run.out());
    assertEquals(
        "Waiting for the agent (pid " + sleeper.pid() + ") to stop ..." + System.lineSeparator(),
        run.err());
  }

  @Test
  void upOnAMachineThatIsNotEnrolledSaysHowToEnroll() {
    Path empty = temp.resolve("empty");
    Cli.Run run = cli.run("up", "--state-dir", empty.toString());
    assertEquals(ExitCodes.NOT_FOUND, run.exitCode());
    assertEquals(
        "cordon: this device is not enrolled (no enrollment in "
            + empty
            + "); run 'cordon enroll --token TOKEN' first"
            + System.lineSeparator(),
        run.err());
  }
}
