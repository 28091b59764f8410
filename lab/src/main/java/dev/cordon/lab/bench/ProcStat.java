package dev.cordon.lab.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** CPU time a process has used, all its threads together, from {@code /proc/<pid>/stat}. */
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

  /** utime + stime, fields 14 and 15; counted after the ")" that ends the command's name. */
  static double parseCpuSeconds(String stat) {
    String[] rest = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    // rest[0] is field 3 (state), so field n is rest[n - 3].
    long ticks = Long.parseLong(rest[14 - 3]) + Long.parseLong(rest[15 - 3]);
    return ticks / TICKS_PER_SECOND;
  }
}
