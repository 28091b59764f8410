package dev.cordon.gateway.daemon;

import static org.junit.jupiter.api.Assertions.*;

import dev.cordon.gateway.enforce.PeerKey;
import dev.cordon.gateway.support.Tables;
import dev.cordon.gateway.table.GatewayTableState;
import dev.cordon.proto.v1.DeviceStatus;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class GatewayCommandTest {
  @TempDir Path dir;
  final StringWriter out = new StringWriter(), err = new StringWriter();

  int run(String... args) {
    CommandLine cl = new CommandLine(new GatewayCommand());
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    return cl.execute(args);
  }

  @Test
  void withoutAnEnrollmentTheGatewaySaysWhichCommandToRunAndExitsFour() {
    int code = run("--state-dir", dir.toString());
    assertEquals(4, code);
    assertEquals(
        "no gateway enrollment in "
            + dir
            + " (identity.properties is missing): enroll this gateway first with: cordon enroll"
            + " --token <gateway token> --state-dir "
            + dir
            + System.lineSeparator(),
        err.toString());
  }

  @Test
  void aPartialEnrollmentNamesTheMissingFile() throws Exception {
    Files.writeString(dir.resolve("identity.properties"), "device-id=edge\n");
    Files.writeString(dir.resolve("wireguard.key"), "AAAA\n");
    assertEquals(4, run("--state-dir", dir.toString()));
    assertTrue(err.toString().contains("(device.key is missing)"), err.toString());
  }

  @Test
  void aDamagedCredentialIsRefusedWithExitFour() throws Exception {
    for (String f : GatewayCredential.FILES) Files.writeString(dir.resolve(f), "garbage\n");
    assertEquals(4, run("--state-dir", dir.toString()));
    assertTrue(err.toString().startsWith("cannot read the gateway credential: "), err.toString());
  }

  @Test
  void badFlagsExitTwoBeforeAnythingIsTouched() {
    assertEquals(2, run("--state-dir", dir.toString(), "--listen-port", "0"));
    assertTrue(err.toString().contains("--listen-port must be 1..65535"));
    assertEquals(2, run("--state-dir", dir.toString(), "--protect", "10.0.0.0"));
    assertTrue(err.toString().contains("a prefix needs /length: 10.0.0.0"), err.toString());
    assertEquals(2, run("--state-dir", dir.toString(), "--metrics", "nowhere"));
  }

  @Test
  void theOverlayAddressGoesOnTheTunAsAHostRoute() {
    assertEquals("100.64.0.1/32", GatewayCommand.hostAddress("100.64.0.1"));
    assertEquals("fd00::1/128", GatewayCommand.hostAddress("fd00::1"));
  }

  @Test
  void theFirstAppliedTableAnnouncesReadinessAndRevocationsNameThePeer() throws Exception {
    StringWriter log = new StringWriter();
    EnforcementLog events = new EnforcementLog(new PrintWriter(log), "cordon0", 51820);
    GatewayTableState state = new GatewayTableState("edge");
    events.enforced(
        state.apply(
            Tables.snapshot(3, List.of(Tables.active(1, "cam-1", "100.64.0.1")), List.of())),
        1_500_000);
    events.enforced(
        state.apply(
            Tables.update(
                Tables.delta(3, 4)
                    .addChangedPeers(
                        Tables.peer(
                            1, "cam-1", "100.64.0.1", DeviceStatus.DEVICE_STATUS_REVOKED)))),
        250_000);
    String b64 = new PeerKey(Tables.key(1)).toString();
    assertEquals(
        List.of(
            "table-applied version=3 peers=1 enforced-in-ms=1.500",
            "gateway ready interface=cordon0 port=51820 table-version=3",
            "revoked peer=" + b64 + " enforced-in-ms=0.250",
            "table-applied version=4 peers=0 enforced-in-ms=0.250"),
        log.toString().lines().toList());
  }
}
