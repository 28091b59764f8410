package dev.cordon.controller.telemetry;

import dev.cordon.proto.v1.SecurityEvent;
import dev.cordon.proto.v1.SecurityEventKind;
import dev.cordon.proto.v1.Severity;
import java.time.Instant;
import java.util.Optional;

/**
 * Filters on the event log; every filter present must match. {@code after} is the page token: the
 * log position of the previous page's last entry ("" for the first page).
 */
public record EventQuery(
    Optional<Instant> since,
    Optional<Instant> until,
    Optional<String> deviceId,
    Optional<SecurityEventKind> kind,
    Optional<Severity> minSeverity,
    String after,
    int limit) {

  public EventQuery {
    if (limit < 1) {
      throw new IllegalArgumentException("a page holds at least one event");
    }
  }

  /** Everything, first page. */
  public static EventQuery all(int limit) {
    return new EventQuery(
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        "",
        limit);
  }

  /** The log position after which this page starts. */
  long afterPosition() {
    if (after.isEmpty()) {
      return 0;
    }
    try {
      long position = Long.parseLong(after);
      if (position < 0) {
        throw new NumberFormatException();
      }
      return position;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "page token '" + after + "' is not one this controller gave out; start without one");
    }
  }

  boolean matches(SecurityEvent event) {
    Instant time = Instant.ofEpochSecond(event.getTime().getSeconds(), event.getTime().getNanos());
    return since.map(s -> !time.isBefore(s)).orElse(true)
        && until.map(time::isBefore).orElse(true)
        && deviceId.map(d -> about(event, d)).orElse(true)
        && kind.map(k -> event.getKind() == k).orElse(true)
        && minSeverity.map(s -> event.getSeverityValue() >= s.getNumber()).orElse(true);
  }

  /** A flow is about both ends; a security event about its subject. */
  private static boolean about(SecurityEvent event, String device) {
    return event.getSubject().getName().equals(device)
        || event.getAttributesOrDefault("destination_device", "").equals(device);
  }
}
