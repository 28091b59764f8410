package dev.cordon.controller.telemetry;

import dev.cordon.proto.v1.SecurityEvent;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The controller's recent flow records and security events, in arrival order, bounded three ways:
 * by entries, by encoded bytes, and by age (by the controller's clock at arrival). The oldest go
 * first, and how many went is counted. Positions increase by one per entry and are the page tokens.
 * Thread-safe; every method holds the log's lock for one pass at most.
 */
final class EventLog {

  /** One entry: where it sits, when it arrived, what it says. */
  record Entry(long position, Instant arrived, SecurityEvent event, int bytes) {}

  private final Clock clock;
  private final int maxEntries;
  private final long maxBytes;
  private final java.time.Duration retention;
  private final ArrayDeque<Entry> entries = new ArrayDeque<>();
  private long bytes;
  private long lastPosition;
  private long evicted;

  EventLog(Clock clock, TelemetryLimits limits) {
    this.clock = clock;
    this.maxEntries = limits.logEntries();
    this.maxBytes = limits.logBytes();
    this.retention = limits.retention();
  }

  /** Appends in order; returns the entries as logged. */
  synchronized List<Entry> append(List<SecurityEvent> events) {
    Instant now = clock.instant();
    List<Entry> added = new ArrayList<>(events.size());
    for (SecurityEvent event : events) {
      Entry entry = new Entry(++lastPosition, now, event, event.getSerializedSize());
      entries.addLast(entry);
      bytes += entry.bytes();
      added.add(entry);
    }
    trim(now);
    return added;
  }

  /** Puts entries read back from the store in front of everything since; used at start only. */
  synchronized void restore(List<Entry> older) {
    for (Entry entry : older.reversed()) {
      entries.addFirst(entry);
      bytes += entry.bytes();
      lastPosition = Math.max(lastPosition, entry.position());
    }
    trim(clock.instant());
  }

  synchronized EventPage query(EventQuery query) {
    trim(clock.instant());
    long after = query.afterPosition();
    List<SecurityEvent> page = new ArrayList<>();
    long last = 0;
    for (Entry entry : entries) {
      if (entry.position() <= after || !query.matches(entry.event())) {
        continue;
      }
      if (page.size() == query.limit()) {
        return new EventPage(page, Long.toString(last));
      }
      page.add(entry.event());
      last = entry.position();
    }
    return new EventPage(page, "");
  }

  /** Entries after {@code position}, oldest first: what the store has not seen yet. */
  synchronized List<Entry> since(long position) {
    List<Entry> out = new ArrayList<>();
    for (Iterator<Entry> it = entries.descendingIterator(); it.hasNext(); ) {
      Entry entry = it.next();
      if (entry.position() <= position) {
        break;
      }
      out.add(entry);
    }
    return out.reversed();
  }

  /** The position of the oldest entry kept; the next position when the log is empty. */
  synchronized long oldestPosition() {
    // Age out first, so that a quiet log still lets its stored chunks go.
    trim(clock.instant());
    return entries.isEmpty() ? lastPosition + 1 : entries.peekFirst().position();
  }

  synchronized int size() {
    return entries.size();
  }

  synchronized long bytes() {
    return bytes;
  }

  /** Entries that went for room or age since the start. */
  synchronized long evicted() {
    return evicted;
  }

  private void trim(Instant now) {
    Instant oldest = now.minus(retention);
    while (!entries.isEmpty()
        && (entries.size() > maxEntries
            || bytes > maxBytes
            || entries.peekFirst().arrived().isBefore(oldest))) {
      bytes -= entries.pollFirst().bytes();
      evicted++;
    }
  }
}
