package dev.cordon.lab.demo;

import java.time.DayOfWeek;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The thermostats' window in docs/examples/policy.yaml (Mon-Fri 08:00-18:00, Europe/Berlin), so the
 * demo can say in advance which verdict applies now: the controller judges with its own clock.
 */
record WorkingHours(ZonedDateTime at) {
  static final ZoneId ZONE = ZoneId.of("Europe/Berlin");

  static WorkingHours now() {
    return new WorkingHours(ZonedDateTime.now(ZONE));
  }

  boolean inside() {
    boolean weekday = at.getDayOfWeek().compareTo(DayOfWeek.FRIDAY) <= 0;
    int minute = at.getHour() * 60 + at.getMinute();
    return weekday && minute >= 8 * 60 && minute < 18 * 60;
  }

  String explain() {
    String when = at.format(DateTimeFormatter.ofPattern("EEE HH:mm", Locale.ROOT));
    return "Thermostats reach hvac only Mon-Fri 08:00-18:00 Europe/Berlin. It is now "
        + when
        + " there: "
        + (inside()
            ? "INSIDE working hours, so thermostat-1 -> hvac is expected ALLOWED."
            : "OUTSIDE working hours, so thermostat-1 -> hvac is expected DENIED (time window);"
                + " during working hours the same run shows it allowed.");
  }
}
