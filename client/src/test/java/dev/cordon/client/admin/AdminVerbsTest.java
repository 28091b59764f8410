package dev.cordon.client.admin;

import static dev.cordon.client.testing.Texts.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.cordon.client.cli.ExitCodes;
import dev.cordon.client.testing.Cli;
import dev.cordon.client.testing.FakeAdmin;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AdminVerbsTest {

  private static final Map<String, String> ENV =
      Map.of("CORDON_CONTROLLER", "controller.test:7443", "CORDON_ADMIN", "/creds/alice");

  private Cli cli;

  @BeforeEach
  void start() throws Exception {
    cli = new Cli(ENV, new FakeAdmin());
  }

  @AfterEach
  void stop() {
    cli.close();
  }

  @Test
  void deviceListPrintsEveryPageAsAnAlignedTable() {
    Cli.Run run = cli.run("device", "list");
    assertEquals(ExitCodes.OK, run.exitCode(), run.err());
    assertEquals(
        """
        ID   NAME               TYPE    STATUS   ADDRESS      SEGMENTS  LAST SEEN
        d-1  cam-1              camera  active   100.64.0.7   cameras   2025-06-01T10:00:00Z
        d-2  front-door-camera  camera  pending  100.64.0.12  cameras   2025-06-01T10:00:00Z
        """,
        run.out());
    assertEquals("", run.err());
  }

  @Test
  void deviceListJsonUsesProtoFieldNames() {
    Cli.Run run = cli.run("device", "list", "--json");
    assertEquals(ExitCodes.OK, run.exitCode());
    assertContains(
        run.out(),
        "\"device_id\": \"d-1\"",
        "\"device_id\": \"d-2\"",
        "\"status\": \"DEVICE_STATUS_PENDING\"");
  }

  @Test
  void anUnknownDeviceIsNotFoundWithTheServersMessage() {
    Cli.Run run = cli.run("device", "show", "d-404");
    assertEquals(ExitCodes.NOT_FOUND, run.exitCode());
    assertEquals("cordon: no device d-404\n", run.err());
  }

  @Test
  void approvingADeviceSaysItsNewStatus() {
    Cli.Run run = cli.run("device", "approve", "d-2", "--reason", "ticket 1");
    assertEquals(ExitCodes.OK, run.exitCode());
    assertEquals("Device d-2 is now active.\n", run.out());
  }

  @Test
  void aRefusedRoleSaysWhatItCannotDo() {
    Cli.Run run = cli.run("device", "revoke", "d-1");
    assertEquals(ExitCodes.PERMISSION_DENIED, run.exitCode());
    assertEquals(
        "cordon: your role cannot revoke devices: role auditor may not revoke\n", run.err());
  }

  @Test
  void anUnknownStatusWordIsAUsageErrorListingTheValidOnes() {
    Cli.Run run = cli.run("device", "list", "--status", "asleep");
    assertEquals(ExitCodes.USAGE, run.exitCode());
    assertContains(run.err(), "'asleep' is not one of: pending, active, quarantined, revoked");
  }

  @Test
  void quietTokenCreatePrintsOnlyTheToken() {
    Cli.Run run = cli.run("token", "create", "--name", "cam-3", "--type", "camera", "-q");
    assertEquals(ExitCodes.OK, run.exitCode());
    assertEquals("cordon1_SECRET\n", run.out());
  }

  @Test
  void tokenRevokeSaysTheTokenIsDeadAndWhichDevicesItEnrolledStay() {
    Cli.Run run = cli.run("token", "revoke", "t-9", "--reason", "sent to the wrong person");
    assertEquals(ExitCodes.OK, run.exitCode(), run.err());
    assertEquals(
        "Token t-9 (cam-3) is revoked; it can no longer be redeemed. Enrolled with it and not"
            + " affected: d-1.\n",
        run.out());
    assertEquals("", run.err());
  }

  @Test
  void tokenRevokeJsonIsTheTokenWithProtoFieldNames() {
    Cli.Run run = cli.run("token", "revoke", "t-9", "--json");
    assertEquals(ExitCodes.OK, run.exitCode(), run.err());
    assertContains(
        run.out(), "\"token_id\": \"t-9\"", "\"state\": \"TOKEN_STATE_REVOKED\"", "\"d-1\"");
  }

  @Test
  void revokingAnUnknownTokenIsNotFoundWithExitSix() {
    Cli.Run run = cli.run("token", "revoke", "t-404");
    assertEquals(ExitCodes.NOT_FOUND, run.exitCode());
    assertEquals("cordon: token t-404 does not exist\n", run.err());
    assertEquals("", run.out());
  }

  @Test
  void tokenRevokeWithoutAnIdIsAUsageError() {
    Cli.Run run = cli.run("token", "revoke");
    assertEquals(ExitCodes.USAGE, run.exitCode());
    assertContains(run.err(), "Missing required parameter: 'TOKEN-ID'");
  }

  @Test
  void tokenCreateTellsWhatTheTokenDoes() {
    Cli.Run run = cli.run("token", "create", "--name", "cam-3", "--uses", "2", "--approval");
    assertEquals(ExitCodes.OK, run.exitCode(), run.err());
    assertEquals(
        """
        Created token t-9 for a device named cam-3: 2 uses, approval required, expires 2025-06-01T10:00:00Z.
        It is shown only now. On the device, run: cordon enroll --token TOKEN
        cordon1_SECRET
        """,
        run.out());
  }

  @Test
  void policyTestExitsZeroWhenAllowedAndFourteenWhenDenied() {
    Cli.Run allowed =
        cli.run(
            "policy",
            "test",
            "--device",
            "d-1",
            "--service",
            "nvr",
            "--proto",
            "tcp",
            "--port",
            "443");
    assertEquals(ExitCodes.OK, allowed.exitCode(), allowed.err());
    assertEquals("ALLOW by rule cam-to-nvr at policy version 3\n", allowed.out());
    Cli.Run denied =
        cli.run(
            "policy",
            "test",
            "--device",
            "d-1",
            "--service",
            "db",
            "--proto",
            "tcp",
            "--port",
            "5432");
    assertEquals(ExitCodes.POLICY_DENIED, denied.exitCode());
    assertEquals("DENY (no-matching-rule) at policy version 3\n", denied.out());
  }

  @Test
  void policyTestRefusesAPortForIcmp() {
    Cli.Run run =
        cli.run(
            "policy",
            "test",
            "--device",
            "d-1",
            "--service",
            "nvr",
            "--proto",
            "icmp",
            "--port",
            "1");
    assertEquals(ExitCodes.USAGE, run.exitCode());
    assertContains(run.err(), "--port applies only to tcp and udp");
  }

  @Test
  void withoutACredentialTheMessageSaysWhereToPutOne() throws Exception {
    try (Cli bare = new Cli(Map.of("CORDON_CONTROLLER", "c:1"), new FakeAdmin())) {
      Cli.Run run = bare.run("device", "list");
      assertEquals(ExitCodes.AUTH_FAILED, run.exitCode());
      assertContains(run.err(), "no admin credential", "--admin-credential", "CORDON_ADMIN");
    }
  }

  @Test
  void aControllerThatIsNotThereIsUnreachable() throws Exception {
    Cli empty = new Cli(ENV);
    Cli.Run run = empty.run("gateway", "list");
    empty.close();
    // The in-process server has no Admin service: the closest stand-in the test double offers
    // for a refused call is UNIMPLEMENTED, which is a generic failure.
    assertEquals(ExitCodes.FAILURE, run.exitCode());
    assertContains(run.err(), "the controller failed to list gateways (UNIMPLEMENTED");
  }

  @Test
  void aVerbGroupWithoutAVerbIsAUsageError() {
    Cli.Run run = cli.run("device");
    assertEquals(ExitCodes.USAGE, run.exitCode());
    assertContains(run.err(), "Usage: cordon device", "Examples:");
  }

  @Test
  void completionPrintsABashScriptCoveringTheVerbs() {
    Cli.Run run = cli.run("completion");
    assertEquals(ExitCodes.OK, run.exitCode());
    assertContains(run.out(), "complete -F", "quarantine", "enroll");
  }
}
