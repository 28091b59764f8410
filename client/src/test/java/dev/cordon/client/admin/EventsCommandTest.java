package dev.cordon.client.admin;

import static dev.cordon.client.testing.Texts.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.protobuf.Timestamp;
import dev.cordon.client.cli.ExitCodes;
import dev.cordon.client.testing.Cli;
import dev.cordon.client.testing.TestCa;
import dev.cordon.proto.v1.AdminServiceGrpc;
import dev.cordon.proto.v1.Identity;
import dev.cordon.proto.v1.PageInfo;
import dev.cordon.proto.v1.QueryEventsRequest;
import dev.cordon.proto.v1.QueryEventsResponse;
import dev.cordon.proto.v1.SecurityEvent;
import dev.cordon.proto.v1.SecurityEventKind;
import dev.cordon.proto.v1.Severity;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EventsCommandTest {

  private static final Map<String, String> ENV =
      Map.of("CORDON_CONTROLLER", "controller.test:7443", "CORDON_ADMIN", "/creds/alice");

  /** Three entries over two pages: an allowed flow, a denied flow, a spoofing event. */
  static final class FakeEvents extends AdminServiceGrpc.AdminServiceImplBase {
    final List<QueryEventsRequest> requests = new ArrayList<>();

    @Override
    public void queryEvents(QueryEventsRequest request, StreamObserver<QueryEventsResponse> out) {
      requests.add(request);
      boolean first = request.getPage().getPageToken().isEmpty();
      QueryEventsResponse.Builder page = QueryEventsResponse.newBuilder();
      if (first) {
        page.addEvents(
                flow("hq/flow/f1/1", "d-1", "hq", Severity.SEVERITY_UNSPECIFIED)
                    .putAttributes("verdict", "allow")
                    .putAttributes("rule", "web")
                    .setDescription("tcp 100.64.0.2:40000 -> 10.20.0.5:443 allowed by rule web"))
            .addEvents(
                flow("hq/flow/f2/2", "d-2", "hq", Severity.SEVERITY_LOW)
                    .putAttributes("verdict", "deny")
                    .putAttributes("reason", "no_matching_rule")
                    .setDescription(
                        "tcp 100.64.0.3:40001 -> 10.20.0.5:22 denied (no_matching_rule)"))
            .setPage(PageInfo.newBuilder().setNextPageToken("2"));
      } else {
        page.addEvents(
            SecurityEvent.newBuilder()
                .setEventId("branch/e1")
                .setTime(at(120))
                .setKind(SecurityEventKind.SECURITY_EVENT_KIND_SOURCE_SPOOFING)
                .setSeverity(Severity.SEVERITY_HIGH)
                .setSubject(named("d-2"))
                .setReporter(named("branch"))
                .setDescription("inner source 100.64.0.9 is not the sender's"));
      }
      out.onNext(page.build());
      out.onCompleted();
    }

    private static SecurityEvent.Builder flow(
        String id, String device, String gateway, Severity severity) {
      return SecurityEvent.newBuilder()
          .setEventId(id)
          .setTime(at(id.endsWith("1") ? 0 : 60))
          .setSeverity(severity)
          .setSubject(named(device))
          .setReporter(named(gateway))
          .putAttributes("record", "flow");
    }

    private static Identity named(String name) {
      return Identity.newBuilder().setName(name).build();
    }

    private static Timestamp at(int secondsAfterNow) {
      return Timestamp.newBuilder()
          .setSeconds(TestCa.NOW.getEpochSecond() + secondsAfterNow)
          .build();
    }
  }

  /** Refuses every read the way the controller refuses a role. */
  static final class Refusing extends AdminServiceGrpc.AdminServiceImplBase {
    @Override
    public void queryEvents(QueryEventsRequest request, StreamObserver<QueryEventsResponse> out) {
      out.onError(
          Status.PERMISSION_DENIED
              .withDescription("role none may not read events")
              .asRuntimeException());
    }
  }

  private final FakeEvents events = new FakeEvents();
  private final Cli cli;

  EventsCommandTest() throws Exception {
    cli = new Cli(ENV, events);
  }

  @AfterEach
  void stop() {
    cli.close();
  }

  @Test
  void eventsPrintsEveryPageAsATableOldestFirst() {
    Cli.Run run = cli.run("events");
    assertEquals(ExitCodes.OK, run.exitCode(), run.err());
    assertEquals(
        """
        TIME                  KIND             SEVERITY  DEVICE  GATEWAY  DESCRIPTION
        2025-06-01T10:00:00Z  flow             -         d-1     hq       tcp 100.64.0.2:40000 -> 10.20.0.5:443 allowed by rule web
        2025-06-01T10:01:00Z  flow             low       d-2     hq       tcp 100.64.0.3:40001 -> 10.20.0.5:22 denied (no_matching_rule)
        2025-06-01T10:02:00Z  source-spoofing  high      d-2     branch   inner source 100.64.0.9 is not the sender's
        """,
        run.out());
    assertEquals("", run.err());
  }

  @Test
  void filtersTheApiHasAreSentToTheController() {
    Cli.Run run =
        cli.run(
            "events",
            "--since",
            "1h",
            "--device",
            "d-2",
            "--kind",
            "source-spoofing",
            "--min-severity",
            "medium");
    assertEquals(ExitCodes.OK, run.exitCode(), run.err());
    QueryEventsRequest sent = events.requests.getFirst();
    assertEquals(TestCa.NOW.getEpochSecond() - 3600, sent.getSince().getSeconds());
    assertEquals("d-2", sent.getDeviceId());
    assertEquals(SecurityEventKind.SECURITY_EVENT_KIND_SOURCE_SPOOFING, sent.getKind());
    assertEquals(Severity.SEVERITY_MEDIUM, sent.getMinSeverity());
    assertEquals(500, sent.getPage().getPageSize());
  }

  @Test
  void gatewayAndFlowFiltersAndTheLimitKeepTheNewestMatches() {
    Cli.Run run = cli.run("events", "--gateway", "hq", "--kind", "flow", "--limit", "1");
    assertEquals(ExitCodes.OK, run.exitCode(), run.err());
    assertEquals(
        """
        TIME                  KIND  SEVERITY  DEVICE  GATEWAY  DESCRIPTION
        2025-06-01T10:01:00Z  flow  low       d-2     hq       tcp 100.64.0.3:40001 -> 10.20.0.5:22 denied (no_matching_rule)
        """,
        run.out());
    assertEquals(
        SecurityEventKind.SECURITY_EVENT_KIND_UNSPECIFIED,
        events.requests.getFirst().getKind(),
        "flows have no kind on the wire; the CLI picks them");
  }

  @Test
  void jsonKeepsVerdictRuleAndReasonAsAttributes() {
    Cli.Run run = cli.run("events", "--json");
    assertEquals(ExitCodes.OK, run.exitCode(), run.err());
    assertContains(
        run.out(),
        "\"event_id\": \"hq/flow/f1/1\"",
        "\"verdict\": \"allow\"",
        "\"rule\": \"web\"",
        "\"reason\": \"no_matching_rule\"",
        "\"kind\": \"SECURITY_EVENT_KIND_SOURCE_SPOOFING\"");
  }

  @Test
  void anUnknownKindIsAUsageErrorListingTheValidOnes() {
    Cli.Run run = cli.run("events", "--kind", "sneezing");
    assertEquals(ExitCodes.USAGE, run.exitCode());
    assertContains(
        run.err(),
        "'sneezing' is not one of: flow, volume-anomaly, destination-anomaly, time-anomaly,"
            + " source-spoofing, unauthorized-handshake, posture-failed, denied-flows");
  }

  @Test
  void aBadTimeOrLimitIsAUsageError() {
    Cli.Run time = cli.run("events", "--since", "yesterday");
    assertEquals(ExitCodes.USAGE, time.exitCode());
    assertContains(
        time.err(), "--since 'yesterday' is neither an instant (2025-06-01T00:00:00Z) nor an age");
    Cli.Run limit = cli.run("events", "--limit", "0");
    assertEquals(ExitCodes.USAGE, limit.exitCode());
    assertContains(limit.err(), "--limit must be at least 1, not 0");
  }

  @Test
  void aRoleThatMayNotReadEventsExitsFive() throws Exception {
    try (Cli refusing = new Cli(ENV, new Refusing())) {
      Cli.Run run = refusing.run("events");
      assertEquals(ExitCodes.PERMISSION_DENIED, run.exitCode());
      assertEquals(
          "cordon: your role cannot read events: role none may not read events\n", run.err());
    }
  }

  @Test
  void controlCharactersAGatewaySentNeverReachTheTerminal() {
    assertEquals("red ?[31m alert?[0m", EventText.printable("red \u001b[31m alert\u001b[0m"));
  }

  @Test
  void helpShowsExamplesAndExitCodes() {
    Cli.Run run = cli.run("events", "--help");
    assertEquals(ExitCodes.OK, run.exitCode());
    assertContains(run.out(), "cordon events --device d-7f3a --kind flow", "Exit codes: 0 read");
  }
}
