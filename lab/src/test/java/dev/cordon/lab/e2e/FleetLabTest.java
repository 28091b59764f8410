package dev.cordon.lab.e2e;

import static dev.cordon.lab.system.Fleet.SERVICE_A;
import static dev.cordon.lab.system.Fleet.SERVICE_B;
import static dev.cordon.lab.system.Fleet.SERVICE_PORT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cordon.lab.Await;
import dev.cordon.lab.Lab;
import dev.cordon.lab.LabProcess;
import dev.cordon.lab.LabTest;
import dev.cordon.lab.Result;
import dev.cordon.lab.system.Fleet;
import dev.cordon.lab.system.GatewayProcess;
import dev.cordon.lab.system.StockDevice;
import java.time.Duration;
import java.util.List;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A controller, a gateway in front of services A and B, and cameras running stock wireguard-go with
 * the wg-quick file {@code cordon enroll} generated. Policy: cameras reach A on tcp/7000;
 * quarantined devices reach B only.
 */
@LabTest
class FleetLabTest {
  static final int BYTES = 64 * 1024;
  static final int PROBE_TIMEOUT_MILLIS = 3_000;
  static final Duration TABLE_DEADLINE = Duration.ofSeconds(20);

  @Test
  void an_enrolled_stock_device_is_listed_and_becomes_a_peer_of_the_gateway_limited_to_its_policy(
      Lab lab) {
    Fleet fleet = Fleet.start(lab);
    StockDevice cam = fleet.camera("cam1");

    String line = fleet.admin().deviceListLine(cam.deviceId());
    assertTrue(line.contains("active") && line.contains(cam.overlayAddress()), line);
    var peer = cam.config().peers().getFirst();
    assertEquals(1, cam.config().peers().size(), cam.config().toString());
    assertEquals(List.of(SERVICE_A + "/32"), peer.allowedIps(), "only what policy allows");
    assertEquals(lab.underlay(1) + ":" + Fleet.GATEWAY_PORT, peer.endpoint());
    awaitPeer(fleet.gateway(), cam, "ACTIVE");
  }

  @Test
  void an_allowed_flow_passes_both_ways_and_a_denied_one_fails_with_its_reason_counted(Lab lab) {
    Fleet fleet = Fleet.start(lab);
    StockDevice cam = fleet.camera("cam1");

    Result allowed = cam.probe(SERVICE_A, SERVICE_PORT, BYTES, PROBE_TIMEOUT_MILLIS, null);
    assertEquals("echoed bytes=" + BYTES, allowed.stdout().strip(), allowed.toString());
    Result denied = cam.probe(SERVICE_B, SERVICE_PORT, BYTES, PROBE_TIMEOUT_MILLIS, null);
    assertEquals(1, denied.exitCode(), denied.toString());
    assertTrue(denied.stdout().contains("timed out"), denied.stdout());
    var status = fleet.gateway().status();
    assertTrue(status.drops("NO_MATCHING_RULE") > 0, status.text());
  }

  @Test
  void a_device_sending_from_another_devices_overlay_address_is_dropped_as_spoofed(Lab lab) {
    Fleet fleet = Fleet.start(lab);
    StockDevice cam1 = fleet.camera("cam1");
    StockDevice cam2 = fleet.camera("cam2");
    awaitPeer(fleet.gateway(), cam2, "ACTIVE");
    cam1.addAddress(cam2.overlayAddress() + "/32");

    Result spoofed =
        cam1.probe(SERVICE_A, SERVICE_PORT, BYTES, PROBE_TIMEOUT_MILLIS, cam2.overlayAddress());
    assertEquals(1, spoofed.exitCode(), spoofed.toString());
    Result honest = cam1.probe(SERVICE_A, SERVICE_PORT, BYTES, PROBE_TIMEOUT_MILLIS, null);
    assertEquals(0, honest.exitCode(), "the device's own address still works: " + honest);
    var status = fleet.gateway().status();
    assertTrue(status.drops("SPOOFED_SOURCE") > 0, "SPOOFED_SOURCE not counted:\n" + status.text());
  }

  @Test
  void revoking_a_device_mid_transfer_cuts_it_and_its_next_handshake_goes_unanswered(Lab lab) {
    Fleet fleet = Fleet.start(lab);
    StockDevice cam = fleet.camera("cam1");
    LabProcess stream = cam.stream(SERVICE_A, SERVICE_PORT, 60, 3_000);
    EchoProgress.awaitAtLeast(stream, 32 * 1024);

    fleet.admin().ok("device", "revoke", cam.deviceId(), "--reason", "lab test");
    MatchResult line = cutLine(fleet.gateway(), "revoked", cam);
    assertTrue(Double.parseDouble(line.group(1)) < 1_000, "enforced in " + line.group(1) + " ms");
    stream.awaitOutput(Pattern.compile("stalled echoed=\\d+"), Duration.ofSeconds(15));
    assertTrue(
        fleet.admin().deviceListLine(cam.deviceId()).contains("revoked"),
        fleet.admin().ok("device", "list").stdout());

    // A fresh session: wireguard-go initiates at once, and keeps retrying every 5 s.
    cam.forgetSession();
    long before = cam.latestHandshake();
    Result retry = cam.probe(SERVICE_A, SERVICE_PORT, 1024, 2_000, null);
    assertEquals(1, retry.exitCode(), retry.toString());
    pause(Duration.ofSeconds(6));
    assertEquals(before, cam.latestHandshake(), "the gateway answered a revoked device");
    assertEquals(0, before, "the forgotten session has no handshake yet");
    assertTrue(
        cam.wireguard().process().output().contains("Sending handshake initiation"),
        "wireguard-go never tried to handshake");
  }

  @Test
  void quarantine_narrows_a_device_to_the_quarantine_reach_and_release_restores_it(Lab lab) {
    Fleet fleet = Fleet.start(lab);
    StockDevice cam = fleet.camera("cam1");
    assertReach(cam, true, false);

    fleet.admin().ok("device", "quarantine", cam.deviceId(), "--reason", "lab test");
    awaitPeer(fleet.gateway(), cam, "QUARANTINED");
    assertReach(cam, false, true);
    assertTrue(fleet.gateway().status().drops("QUARANTINED") > 0);

    fleet.admin().ok("device", "release", cam.deviceId());
    awaitPeer(fleet.gateway(), cam, "ACTIVE");
    assertReach(cam, true, false);
  }

  @Test
  void killing_the_controller_leaves_established_flows_running(Lab lab) {
    Fleet fleet = Fleet.start(lab);
    StockDevice cam = fleet.camera("cam1");
    LabProcess stream = cam.stream(SERVICE_A, SERVICE_PORT, 60, 3_000);
    long before = EchoProgress.awaitAtLeast(stream, 16 * 1024);

    fleet.controller().kill();
    EchoProgress.awaitAtLeast(stream, before + 64 * 1024);
    assertTrue(stream.isAlive(), stream.output());
    Result fresh = cam.probe(SERVICE_A, SERVICE_PORT, BYTES, PROBE_TIMEOUT_MILLIS, null);
    assertEquals(0, fresh.exitCode(), "new flows pass while fail-static: " + fresh);
    assertFalse(fleet.controller().process().isAlive());
  }

  @Test
  void a_restarted_gateway_serves_the_device_again_within_16_seconds(Lab lab) {
    Fleet fleet = Fleet.start(lab);
    StockDevice cam = fleet.camera("cam1");
    assertReach(cam, true, false);

    fleet.gateway().stop();
    fleet.gateway().start(); // returns once the new process has applied its first table
    long ready = System.nanoTime();
    Await.until(
        "the device to reach service A through the restarted gateway",
        Duration.ofSeconds(16),
        () -> cam.probe(SERVICE_A, SERVICE_PORT, 1024, 1_000, null).ok());
    long seconds = (System.nanoTime() - ready) / 1_000_000_000L;
    assertTrue(seconds < 16, "recovered after " + seconds + " s");
  }

  private static void assertReach(StockDevice cam, boolean a, boolean b) {
    Result toA = cam.probe(SERVICE_A, SERVICE_PORT, BYTES, PROBE_TIMEOUT_MILLIS, null);
    Result toB = cam.probe(SERVICE_B, SERVICE_PORT, BYTES, PROBE_TIMEOUT_MILLIS, null);
    assertEquals(a, toA.ok(), "service A: " + toA);
    assertEquals(b, toB.ok(), "service B: " + toB);
  }

  /** Waits until the gateway's status lists the device with {@code status}. */
  private static void awaitPeer(GatewayProcess gateway, StockDevice cam, String status) {
    String[] last = {""};
    try {
      Await.until(
          "gateway status to list " + cam.deviceId() + " as " + status,
          TABLE_DEADLINE,
          () -> {
            var s = gateway.status();
            last[0] = s.text();
            String peer = s.peers().get(cam.deviceId());
            return peer != null && peer.split("\\s+")[1].equals(status);
          });
    } catch (Await.TimedOut e) {
      throw new AssertionError(e.getMessage() + "\n" + last[0], e);
    }
  }

  /** The gateway's "EVENT peer=KEY enforced-in-ms=X" line for this device; group 1 is X. */
  private static MatchResult cutLine(GatewayProcess gateway, String event, StockDevice cam) {
    String key = Pattern.quote(cam.publicKey());
    return gateway.awaitOutput(
        Pattern.compile(event + " peer=" + key + " enforced-in-ms=([0-9.]+)"), TABLE_DEADLINE);
  }

  private static void pause(Duration d) {
    try {
      Thread.sleep(d);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
