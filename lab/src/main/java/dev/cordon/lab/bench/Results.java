package dev.cordon.lab.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Every number a benchmark run produced, by metric and pair, in the order measured. */
final class Results {
  /** One reported quantity; {@code goal} says what the issue asks of the Cordon/wg-go ratio. */
  record Metric(String name, String unit, String goal, Map<String, List<Double>> runs) {
    double median(String pair) {
      var values = new ArrayList<>(runs.getOrDefault(pair, List.of()));
      values.removeIf(v -> v.isNaN());
      if (values.isEmpty()) {
        return Double.NaN;
      }
      values.sort(Double::compare);
      int n = values.size();
      return n % 2 == 1 ? values.get(n / 2) : (values.get(n / 2 - 1) + values.get(n / 2)) / 2;
    }
  }

  private final Map<String, Metric> metrics = new LinkedHashMap<>();
  private final List<String> notes = new ArrayList<>();

  void add(String name, String unit, String goal, String pair, double value) {
    metrics
        .computeIfAbsent(name, n -> new Metric(n, unit, goal, new LinkedHashMap<>()))
        .runs()
        .computeIfAbsent(pair, p -> new ArrayList<>())
        .add(value);
  }

  void note(String text) {
    if (!notes.contains(text)) {
      notes.add(text);
    }
  }

  List<Metric> metrics() {
    return List.copyOf(metrics.values());
  }

  List<String> notes() {
    return List.copyOf(notes);
  }
}
