package dev.cordon.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A process named by pid plus its start time (field 22 of /proc/PID/stat, in clock ticks since
 * boot). Pids are reused; the pair is not, so a sweep never kills a stranger that happens to hold a
 * recorded pid now.
 */
record ProcessIdentity(long pid, long startTicks) {

  /** The identity of the live process {@code pid}, if there is one. */
  static Optional<ProcessIdentity> of(long pid) {
    var ticks = startTicks(pid);
    return ticks.isPresent()
        ? Optional.of(new ProcessIdentity(pid, ticks.getAsLong()))
        : Optional.empty();
  }

  /** Whether this very process (not a later one with the same pid) still runs. */
  boolean isAlive() {
    var now = startTicks(pid);
    return now.isPresent() && now.getAsLong() == startTicks;
  }

  /** The record format of a pidfile: "pid startTicks". */
  String toLine() {
    return pid + " " + startTicks;
  }

  static Optional<ProcessIdentity> parseLine(String line) {
    String[] parts = line.strip().split("\\s+");
    if (parts.length != 2) {
      return Optional.empty();
    }
    try {
      return Optional.of(new ProcessIdentity(Long.parseLong(parts[0]), Long.parseLong(parts[1])));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /**
   * Field 22 of a stat line. The command name (field 2) is in parentheses and may itself hold
   * spaces and parentheses, so fields are counted from the last ')'.
   */
  static OptionalLong parseStartTicks(String statLine) {
    int close = statLine.lastIndexOf(')');
    if (close < 0) {
      return OptionalLong.empty();
    }
    String[] rest = statLine.substring(close + 1).strip().split("\\s+");
    // rest[0] is field 3 (state), so field 22 is rest[19].
    if (rest.length < 20) {
      return OptionalLong.empty();
    }
    try {
      return OptionalLong.of(Long.parseLong(rest[19]));
    } catch (NumberFormatException e) {
      return OptionalLong.empty();
    }
  }

  private static OptionalLong startTicks(long pid) {
    try {
      return parseStartTicks(Files.readString(Path.of("/proc", Long.toString(pid), "stat")));
    } catch (IOException e) {
      return OptionalLong.empty();
    }
  }
}
