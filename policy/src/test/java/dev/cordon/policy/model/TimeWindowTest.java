package dev.cordon.policy.model;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TimeWindowTest {
  private static long at(String instant) {
    return Instant.parse(instant).toEpochMilli();
  }

  @Test
  void aWindowCrossingMidnightBelongsToTheDayItStarts() {
    TimeWindow fridayNight =
        new TimeWindow(ZoneId.of("UTC"), Set.of(DayOfWeek.FRIDAY), 22 * 60, 6 * 60);
    // 2026-03-06 is a Friday.
    assertTrue(fridayNight.contains(at("2026-03-06T23:00:00Z")), "Friday 23:00");
    assertTrue(fridayNight.contains(at("2026-03-07T03:00:00Z")), "Saturday 03:00");
    assertFalse(
        fridayNight.contains(at("2026-03-07T06:00:00Z")), "Saturday 06:00 is the exclusive end");
    assertFalse(
        fridayNight.contains(at("2026-03-06T03:00:00Z")), "Friday 03:00 belongs to Thursday");
    assertFalse(fridayNight.contains(at("2026-03-07T23:00:00Z")), "Saturday 23:00");
  }

  @Test
  void theSameInstantIsInsideInOneZoneAndOutsideInAnother() {
    Set<DayOfWeek> weekdays =
        Set.of(
            DayOfWeek.MONDAY,
            DayOfWeek.TUESDAY,
            DayOfWeek.WEDNESDAY,
            DayOfWeek.THURSDAY,
            DayOfWeek.FRIDAY);
    TimeWindow tokyo = new TimeWindow(ZoneId.of("Asia/Tokyo"), weekdays, 9 * 60, 17 * 60);
    TimeWindow newYork = new TimeWindow(ZoneId.of("America/New_York"), weekdays, 9 * 60, 17 * 60);
    long mondayOneUtc = at("2026-03-02T01:00:00Z"); // 10:00 Monday Tokyo, 20:00 Sunday New York
    assertTrue(tokyo.contains(mondayOneUtc));
    assertFalse(newYork.contains(mondayOneUtc));
    long mondayFifteenUtc = at("2026-03-02T15:00:00Z"); // 00:00 Tuesday Tokyo, 10:00 Monday NY
    assertFalse(tokyo.contains(mondayFifteenUtc));
    assertTrue(newYork.contains(mondayFifteenUtc));
  }

  @Test
  void aWindowUntilTwentyFourCoversTheWholeDay() {
    TimeWindow sunday = new TimeWindow(ZoneId.of("UTC"), Set.of(DayOfWeek.SUNDAY), 0, 24 * 60);
    assertTrue(sunday.contains(at("2026-03-01T00:00:00Z")));
    assertTrue(sunday.contains(at("2026-03-01T23:59:59Z")));
    assertFalse(sunday.contains(at("2026-03-02T00:00:00Z")));
  }

  @Test
  void anEmptyWindowIsRejected() {
    assertThrows(
        IllegalArgumentException.class,
        () -> new TimeWindow(ZoneId.of("UTC"), Set.of(DayOfWeek.MONDAY), 60, 60));
  }
}
