package dev.cordon.controller.telemetry;

import dev.cordon.proto.v1.SecurityEvent;
import java.util.List;

/** One page of the event log, oldest first; {@code next} is empty on the last page. */
public record EventPage(List<SecurityEvent> events, String next) {

  public EventPage {
    events = List.copyOf(events);
  }
}
