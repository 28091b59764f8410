package dev.cordon.policy.model;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.Set;

/**
 * Days of the week and a span of hours in a named time zone. When {@code endMinute <= startMinute}
 * the span crosses midnight and belongs to the day it starts on: Friday 22:00-06:00 includes
 * Saturday 03:00 but not Friday 03:00. Minutes count from local midnight; the end is exclusive and
 * may be 1440 (24:00).
 */
public record TimeWindow(ZoneId zone, Set<DayOfWeek> days, int startMinute, int endMinute) {
  public static final int DAY_MINUTES = 1440;

  public TimeWindow {
    if (days.isEmpty()) throw new IllegalArgumentException("a time window needs at least one day");
    if (startMinute < 0 || startMinute >= DAY_MINUTES || endMinute < 0 || endMinute > DAY_MINUTES) {
      throw new IllegalArgumentException("hours must lie within 00:00-24:00");
    }
    if (startMinute == endMinute) {
      throw new IllegalArgumentException(
          "the window is empty: it starts and ends at the same minute");
    }
    days = Set.copyOf(EnumSet.copyOf(days));
  }

  public boolean crossesMidnight() {
    return endMinute < startMinute;
  }

  /** Whether the instant {@code epochMillis} falls inside the window. */
  public boolean contains(long epochMillis) {
    int offset = zone.getRules().getOffset(Instant.ofEpochMilli(epochMillis)).getTotalSeconds();
    long localSeconds = Math.floorDiv(epochMillis, 1000L) + offset;
    long epochDay = Math.floorDiv(localSeconds, 86_400L);
    int minute = (int) (Math.floorMod(localSeconds, 86_400L) / 60);
    DayOfWeek today = DayOfWeek.THURSDAY.plus(Math.floorMod(epochDay, 7)); // 1970-01-01
    if (!crossesMidnight())
      return days.contains(today) && minute >= startMinute && minute < endMinute;
    return (days.contains(today) && minute >= startMinute)
        || (days.contains(today.minus(1)) && minute < endMinute);
  }
}
