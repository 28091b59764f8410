package dev.cordon.lab.bench.controlplane;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
    return score(name, Map.of());
  }

  /**
   * The score and unit of the first row whose benchmark ends with {@code name} and whose parameter
   * columns (named in the header, such as {@code (peers)}) read as {@code params} says.
   */
  Optional<Score> score(String name, Map<String, String> params) {
    if (table.isEmpty()) return Optional.empty();
    List<String> header = List.of(table.getFirst().trim().split("\\s+"));
    for (String row : table.subList(1, table.size())) {
      String[] t = row.trim().split("\\s+");
      if (t.length < 4 || !t[0].endsWith(name) || !matches(header, t, params)) continue;
      for (int i = 1; i + 2 < t.length; i++) {
        if (t[i].equals("avgt") || t[i].equals("ss") || t[i].equals("sample")) {
          return Optional.of(new Score(Double.parseDouble(t[i + 2]), t[t.length - 1]));
        }
      }
    }
    return Optional.empty();
  }

  /** Whether each named parameter's column in {@code row} holds the value asked for. */
  private static boolean matches(List<String> header, String[] row, Map<String, String> params) {
    for (var p : params.entrySet()) {
      int column = header.indexOf("(" + p.getKey() + ")");
      if (column < 0 || column >= row.length || !row[column].equals(p.getValue())) return false;
    }
    return true;
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
