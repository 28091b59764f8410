package dev.cordon.lab.e2e;

import static dev.cordon.lab.system.Fleet.SERVICE_A;
import static dev.cordon.lab.system.Fleet.SERVICE_PORT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cordon.lab.Await;
import dev.cordon.lab.Bridge;
import dev.cordon.lab.Lab;
import dev.cordon.lab.LabProcess;
import dev.cordon.lab.LabTest;
import dev.cordon.lab.Namespace;
import dev.cordon.lab.Result;
import dev.cordon.lab.bench.HostileDatagrams;
import dev.cordon.lab.bench.LabJava;
import dev.cordon.lab.bench.UdpCapture;
import dev.cordon.lab.system.Fleet;
import dev.cordon.lab.system.GatewayProcess;
import dev.cordon.lab.system.StockDevice;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Issue 5: hostile datagrams at the gateway's port change nothing. A camera on stock wireguard-go
 * holds an allowed flow through the gateway while a host on the same underlay sends bounded bursts
 * of every kind of hostile datagram: wrong lengths of every message type, random bytes, initiations
 * from an unknown key and with a bad mac1, and the camera's own messages (captured on the way in
 * with an AF_PACKET socket in the gateway's namespace) replayed, replayed with one bit flipped, or
 * under receiver indexes nobody gave out.
 */
@LabTest
class HostileDatagramsLabTest {
  static final String GATEWAY_EDGE = "203.0.113.1";
  static final String HOSTILE = "203.0.113.66";
  private static final Pattern ANSWERED = Pattern.compile("answered=(\\d+)");
  private static final Pattern CAPTURED = Pattern.compile("captured n=(\\d+) type=1");

  /** Tunnel drop reasons each kind must move (the tunnel's names, as the status lists them). */
  static final List<String> REASONS =
      List.of(
          "malformed",
          "bad_mac1",
          "handshake_refused",
          "unknown_index",
          "replay",
          "decrypt_failed");

  @Test
  void hostile_datagrams_get_no_answer_and_change_no_session_while_an_allowed_flow_goes_on(Lab lab)
      throws IOException {
    Fleet fleet = Fleet.start(lab);
    GatewayProcess gateway = fleet.gateway();
    Path captureFile = lab.runDirectory().resolve("captured-cam1.hex");
    // The camera is the first device on the underlay: host index 2. Capture before it comes up,
    // so that its first initiation is among what is captured.
    LabProcess capture =
        LabJava.start(
            gateway.namespace(),
            "capture",
            UdpCapture.class,
            "--source",
            lab.underlay(2),
            "--port",
            Integer.toString(Fleet.GATEWAY_PORT),
            "--out",
            captureFile.toString(),
            "--count",
            "40",
            "--seconds",
            "90");
    capture.awaitOutput(Pattern.compile("capturing"), Duration.ofSeconds(30));
    StockDevice cam = fleet.camera("cam1");
    LabProcess stream = cam.stream(SERVICE_A, SERVICE_PORT, 120, 5_000);
    EchoProgress.awaitAtLeast(stream, 16 * 1024);
    capture.awaitOutput(CAPTURED, Duration.ofSeconds(30));
    Await.until(
        "transport messages captured",
        Duration.ofSeconds(30),
        () -> capturedOfType(captureFile, 4) >= 10);

    var before = gateway.status();
    long handshake = cam.latestHandshake();
    assertTrue(handshake > 0, "the camera has a session");
    long echoedBefore = EchoProgress.echoed(stream);

    // The hostile host sits on another segment the gateway is attached to (TEST-NET-3).
    Bridge edge = lab.bridge("edge");
    gateway.namespace().connect(edge, GATEWAY_EDGE + "/24");
    Namespace hostile = lab.namespace("hostile");
    hostile.connect(edge, HOSTILE + "/24");
    LabProcess burst =
        LabJava.start(
            hostile,
            "hostile",
            HostileDatagrams.class,
            "--target",
            GATEWAY_EDGE + ":" + Fleet.GATEWAY_PORT,
            "--responder-public-key",
            cam.config().peers().getFirst().publicKey(),
            "--captured",
            captureFile.toString(),
            "--listen-ms",
            "3000");
    Matcher answered = matcher(burst.awaitOutput(ANSWERED, Duration.ofSeconds(90)).group(0));
    assertEquals("answered=0", answered.group(0), "the gateway answered:\n" + burst.output());
    assertTrue(burst.output().contains("sent replayed_initiation="), burst.output());
    assertFalse(burst.output().contains("sent replayed_initiation=0"), burst.output());

    assertTrue(gateway.process().isAlive(), "the gateway died:\n" + gateway.process().output());
    EchoProgress.awaitAtLeast(stream, echoedBefore + 32 * 1024);
    assertFalse(stream.output().contains("stalled"), "the flow stalled:\n" + stream.output());
    Result fresh = cam.probe(SERVICE_A, SERVICE_PORT, 4096, 3_000, null);
    assertEquals(0, fresh.exitCode(), "a new allowed flow after the burst: " + fresh);
    assertEquals(handshake, cam.latestHandshake(), "the camera's session was disturbed");

    var after = gateway.status();
    String peer = after.peers().get(cam.deviceId());
    assertTrue(peer != null && peer.split("\\s+")[1].equals("ACTIVE"), after.text());
    for (String reason : REASONS) {
      assertTrue(
          after.drops(reason) > before.drops(reason),
          reason + " did not move:\nbefore\n" + before.text() + "\nafter\n" + after.text());
    }
  }

  private static Matcher matcher(String line) {
    Matcher m = ANSWERED.matcher(line);
    if (!m.find()) throw new AssertionError(line);
    return m;
  }

  private static long capturedOfType(Path file, int type) {
    try {
      if (!Files.exists(file)) return 0;
      String prefix = String.format("%02x", type);
      return Files.readAllLines(file).stream().filter(l -> l.startsWith(prefix)).count();
    } catch (IOException e) {
      return 0;
    }
  }
}
