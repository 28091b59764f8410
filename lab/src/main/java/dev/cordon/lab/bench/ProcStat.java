package dev.cordon.lab.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time a process has used, all its threads together, from {@code /proc/<pid>/stat}; and how
 * often its threads went to sleep, from each {@code /proc/<pid>/task/<tid>/status}.
 */
final class ProcStat {
  /** USER_HZ: the unit of utime and stime; 100 on every Linux this lab runs on. */
  static final double TICKS_PER_SECOND = 100.0;

  private ProcStat() {}

  static double cpuSeconds(long pid) {
    try {
      return parseCpuSeconds(Files.readString(Path.of("/proc", Long.toString(pid), "stat")));
    } catch (IOException e) {
      throw new IllegalStateException("cannot read /proc/" + pid + "/stat", e);
    }
  }

  /**
   * Voluntary context switches of all the process's live threads: each is a thread that blocked
   * (waiting for a packet, a queue or a lock) and had to be woken again, the hand-offs that cost a
   * packet latency. A count, so it does not depend on how loaded the machine is.
   */
  static long voluntarySwitches(long pid) {
    long total = 0;
    try (var tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
      for (Path task : tasks.toList()) {
        try {
          total += parseVoluntarySwitches(Files.readString(task.resolve("status")));
        } catch (IOException e) {
          // The thread ended meanwhile: its switches are gone from every later reading too.
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot list /proc/" + pid + "/task", e);
    }
    return total;
  }

  /** The "voluntary_ctxt_switches:" line of a status file. */
  static long parseVoluntarySwitches(String status) {
    for (String line : status.split("\n")) {
      if (line.startsWith("voluntary_ctxt_switches:")) {
        return Long.parseLong(line.substring(line.indexOf(':') + 1).strip());
      }
    }
    throw new IllegalArgumentException("no voluntary_ctxt_switches line");
  }

  /** utime + stime, fields 14 and 15; counted after the ")" that ends the command's name. */
  static double parseCpuSeconds(String stat) {
    String[] rest = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    // rest[0] is field 3 (state), so field n is rest[n - 3].
    long ticks = Long.parseLong(rest[14 - 3]) + Long.parseLong(rest[15 - 3]);
    return ticks / TICKS_PER_SECOND;
  }
}
