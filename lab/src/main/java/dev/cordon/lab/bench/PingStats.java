package dev.cordon.lab.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Round-trip times from ping's per-packet lines ("time=0.123 ms"), and their percentiles. */
record PingStats(List<Double> millis) {
  private static final Pattern TIME = Pattern.compile("time=([0-9.]+) ms");

  static PingStats parse(String output) {
    var times = new ArrayList<Double>();
    var m = TIME.matcher(output);
    while (m.find()) {
      times.add(Double.parseDouble(m.group(1)));
    }
    times.sort(Double::compare);
    return new PingStats(List.copyOf(times));
  }

  /** Nearest-rank percentile, {@code p} in (0, 100]. */
  double percentile(double p) {
    if (millis.isEmpty()) {
      throw new IllegalStateException("ping printed no round-trip times");
    }
    int rank = (int) Math.ceil(p / 100.0 * millis.size());
    return millis.get(Math.max(rank, 1) - 1);
  }
}
