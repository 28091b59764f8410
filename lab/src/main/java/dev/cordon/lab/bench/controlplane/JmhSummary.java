package dev.cordon.lab.bench.controlplane;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The summary table at the end of a JMH run's console output, kept as printed, and the score of a
 * named benchmark read from it (average-time mode: the column after the count).
 */
record JmhSummary(List<String> table) {

  static JmhSummary parse(String output) {
    List<String> lines = output.lines().toList();
    int start = -1;
    for (int i = 0; i < lines.size(); i++) {
      String l = lines.get(i);
      if (l.startsWith("Benchmark ") && l.contains("Mode") && l.contains("Score")) start = i;
    }
    if (start < 0) return new JmhSummary(List.of());
    List<String> table = new ArrayList<>();
    for (String l : lines.subList(start, lines.size())) {
      if (l.isBlank()) break;
      table.add(l);
    }
    return new JmhSummary(List.copyOf(table));
  }

  /** The score and unit of the first row whose benchmark ends with {@code name}. */
  Optional<Score> score(String name) {
    return score(name, null);
  }

  /**
   * The score and unit of the first row whose benchmark ends with {@code name} and, unless {@code
   * param} is null, one of whose parameter columns reads {@code param}.
   */
  Optional<Score> score(String name, String param) {
    for (String row : table.subList(Math.min(1, table.size()), table.size())) {
      String[] t = row.trim().split("\\s+");
      if (t.length < 4 || !t[0].endsWith(name)) continue;
      for (int i = 1; i + 2 < t.length; i++) {
        if (t[i].equals("avgt") || t[i].equals("ss") || t[i].equals("sample")) {
          if (param != null && !java.util.Arrays.asList(t).subList(1, i).contains(param)) break;
          return Optional.of(new Score(Double.parseDouble(t[i + 2]), t[t.length - 1]));
        }
      }
    }
    return Optional.empty();
  }

  record Score(double value, String unit) {
    /** The value in nanoseconds, for ns/op, us/op and ms/op. */
    double nanos() {
      return switch (unit) {
        case "ns/op" -> value;
        case "us/op" -> value * 1e3;
        case "ms/op" -> value * 1e6;
        default -> throw new IllegalArgumentException("not a time per operation: " + unit);
      };
    }
  }
}
