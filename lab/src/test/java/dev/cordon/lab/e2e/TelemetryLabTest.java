package dev.cordon.lab.e2e;

import static dev.cordon.lab.system.Fleet.SERVICE_A;
import static dev.cordon.lab.system.Fleet.SERVICE_B;
import static dev.cordon.lab.system.Fleet.SERVICE_PORT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import dev.cordon.lab.Await;
import dev.cordon.lab.Lab;
import dev.cordon.lab.LabTest;
import dev.cordon.lab.Result;
import dev.cordon.lab.system.Fleet;
import dev.cordon.lab.system.StockDevice;
import dev.cordon.proto.v1.QueryEventsResponse;
import dev.cordon.proto.v1.SecurityEvent;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Telemetry end to end: a real flow through the real gateway is reported to the real controller and
 * read back with {@code cordon events}. A denied first packet is sent within one telemetry tick; an
 * allowed TCP flow is reported when the tracker lets it go or, sooner, by the interim record every
 * live flow gets (every 5 s in the lab: {@code --flow-report-interval}).
 */
@LabTest
class TelemetryLabTest {
  private static final Duration DENIED_DEADLINE = Duration.ofSeconds(40);
  private static final Duration ALLOWED_DEADLINE = Duration.ofSeconds(40);

  @Test
  void
      a_flow_through_the_gateway_shows_its_verdict_and_rule_in_cordon_events_and_a_denied_one_its_reason(
          Lab lab) {
    Fleet fleet = Fleet.start(lab);
    StockDevice cam = fleet.camera("cam1");
    Result allowed = cam.probe(SERVICE_A, SERVICE_PORT, 4096, 3_000, null);
    assertEquals(0, allowed.exitCode(), allowed.toString());
    Result denied = cam.probe(SERVICE_B, SERVICE_PORT, 4096, 3_000, null);
    assertEquals(1, denied.exitCode(), denied.toString());

    SecurityEvent refused = awaitFlow(fleet, cam, SERVICE_B, DENIED_DEADLINE);
    assertEquals("deny", refused.getAttributesOrThrow("verdict"), refused.toString());
    assertEquals("no_matching_rule", refused.getAttributesOrThrow("reason"), refused.toString());
    assertEquals(Fleet.GATEWAY_NAME, refused.getReporter().getName(), "attributed to the gateway");
    assertEquals(cam.deviceId(), refused.getSubject().getName(), "about the camera");

    SecurityEvent passed = awaitFlow(fleet, cam, SERVICE_A, ALLOWED_DEADLINE);
    assertEquals("allow", passed.getAttributesOrThrow("verdict"), passed.toString());
    // The gateway names the compiled rule: the policy's rule, then the target it was compiled for.
    assertTrue(passed.getAttributesOrThrow("rule").startsWith("cameras-to-a"), passed.toString());
    assertEquals("svc-a", passed.getAttributesOrThrow("destination_service"), passed.toString());
    assertTrue(
        Long.parseLong(passed.getAttributesOrThrow("bytes_sent")) >= 4096, passed.toString());

    String table =
        fleet.admin().ok("events", "--device", cam.deviceId(), "--kind", "flow").stdout();
    assertTrue(table.contains("allowed by rule cameras-to-a"), table);
    assertTrue(table.contains("denied (no_matching_rule)"), table);
  }

  /** The first flow entry from the camera to {@code service}, as {@code cordon events --json}. */
  private static SecurityEvent awaitFlow(
      Fleet fleet, StockDevice cam, String service, Duration deadline) {
    SecurityEvent[] found = {null};
    String[] last = {""};
    try {
      Await.until(
          "cordon events to show a flow from " + cam.deviceId() + " to " + service,
          deadline,
          () -> {
            last[0] =
                fleet
                    .admin()
                    .ok("events", "--json", "--device", cam.deviceId(), "--kind", "flow")
                    .stdout();
            Optional<SecurityEvent> flow =
                parse(last[0]).stream()
                    .filter(
                        e ->
                            e.getAttributesOrDefault("destination", "")
                                .equals(service + ":" + SERVICE_PORT))
                    .findFirst();
            flow.ifPresent(f -> found[0] = f);
            return flow.isPresent();
          });
    } catch (Await.TimedOut e) {
      throw new AssertionError(e.getMessage() + "\n" + last[0], e);
    }
    return found[0];
  }

  private static List<SecurityEvent> parse(String json) {
    QueryEventsResponse.Builder response = QueryEventsResponse.newBuilder();
    try {
      JsonFormat.parser().merge(json, response);
    } catch (InvalidProtocolBufferException e) {
      throw new AssertionError("cordon events --json printed no events response:\n" + json, e);
    }
    return response.getEventsList();
  }
}
