package dev.cordon.controller.telemetry;

import static dev.cordon.controller.telemetry.Records.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.cordon.controller.testing.MutableClock;
import dev.cordon.proto.v1.SecurityEvent;
import dev.cordon.proto.v1.SecurityEventKind;
import dev.cordon.proto.v1.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EventLogTest {

  private final MutableClock clock = new MutableClock(T0);
  private final Duration day = Duration.ofDays(1);

  private EventLog log(int entries) {
    return new EventLog(clock, TelemetryLimits.DEFAULT.withLog(entries, day, 10));
  }

  private static SecurityEvent event(String id) {
    return Records.spoofing(id, "d-1", T0).build();
  }

  private static List<String> ids(EventPage page) {
    return page.events().stream().map(SecurityEvent::getEventId).toList();
  }

  @Test
  void aFullLogLetsTheOldestGoAndCountsThem() {
    EventLog log = log(3);
    log.append(List.of(event("a"), event("b"), event("c"), event("d"), event("e")));
    assertEquals(List.of("c", "d", "e"), ids(log.query(EventQuery.all(10))));
    assertEquals(2, log.evicted());
  }

  @Test
  void entriesOlderThanTheRetentionAreGone() {
    EventLog log = log(10);
    log.append(List.of(event("old")));
    clock.advance(Duration.ofHours(23));
    log.append(List.of(event("new")));
    clock.advance(Duration.ofHours(2));
    assertEquals(List.of("new"), ids(log.query(EventQuery.all(10))));
  }

  @Test
  void pagesFollowEachOtherWithoutGapOrRepeat() {
    EventLog log = log(100);
    List<SecurityEvent> events = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      events.add(event("e" + i));
    }
    log.append(events);
    List<String> seen = new ArrayList<>();
    String token = "";
    int pages = 0;
    do {
      EventQuery all = EventQuery.all(3);
      EventPage page =
          log.query(
              new EventQuery(
                  all.since(),
                  all.until(),
                  all.deviceId(),
                  all.kind(),
                  all.minSeverity(),
                  token,
                  3));
      seen.addAll(ids(page));
      token = page.next();
      pages++;
    } while (!token.isEmpty());
    assertEquals(List.of("e0", "e1", "e2", "e3", "e4", "e5", "e6"), seen);
    assertEquals(3, pages);
  }

  @Test
  void aPageTokenThisControllerNeverGaveIsRefusedSayingWhatToDo() {
    EventLog log = log(10);
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                log.query(
                    new EventQuery(
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        "abc",
                        10)));
    assertEquals(
        "page token 'abc' is not one this controller gave out; start without one", e.getMessage());
  }

  @Test
  void everyFilterMustMatch() {
    EventLog log = log(100);
    Instant t1 = T0.plusSeconds(60);
    log.append(
        List.of(
            FlowEvents.of(Records.allowed("f1", "d-1", T0).build(), Records.gateway("hq")),
            FlowEvents.of(Records.denied("f2", "d-2", t1).build(), Records.gateway("hq")),
            Records.spoofing("s1", "d-2", t1).build(),
            Records.spoofing("s2", "d-3", t1)
                .setKind(SecurityEventKind.SECURITY_EVENT_KIND_UNAUTHORIZED_HANDSHAKE)
                .setSeverity(Severity.SEVERITY_MEDIUM)
                .build()));
    Optional<Instant> none = Optional.empty();
    assertEquals(
        List.of("hq/flow/f2/" + t1.toEpochMilli(), "s1"),
        ids(
            log.query(
                new EventQuery(
                    none, none, Optional.of("d-2"), Optional.empty(), Optional.empty(), "", 10))),
        "by device");
    assertEquals(
        List.of("s2"),
        ids(
            log.query(
                new EventQuery(
                    none,
                    none,
                    Optional.empty(),
                    Optional.of(SecurityEventKind.SECURITY_EVENT_KIND_UNAUTHORIZED_HANDSHAKE),
                    Optional.empty(),
                    "",
                    10))),
        "by kind");
    assertEquals(
        List.of("hq/flow/f2/" + t1.toEpochMilli(), "s1", "s2"),
        ids(
            log.query(
                new EventQuery(
                    none,
                    none,
                    Optional.empty(),
                    Optional.empty(),
                    Optional.of(Severity.SEVERITY_LOW),
                    "",
                    10))),
        "allowed flows have no severity, so min-severity low leaves them out");
    assertEquals(
        List.of("s1", "s2"),
        ids(
            log.query(
                new EventQuery(
                    Optional.of(t1),
                    Optional.of(t1.plusSeconds(1)),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.of(Severity.SEVERITY_MEDIUM),
                    "",
                    10))),
        "since is inclusive, until exclusive");
    assertEquals(
        List.of("hq/flow/f1/" + T0.plusSeconds(2).toEpochMilli()),
        ids(
            log.query(
                new EventQuery(
                    none,
                    Optional.of(t1),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    "",
                    10))),
        "a flow's time is its end");
  }
}
