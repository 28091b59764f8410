package dev.cordon.lab.deploy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A systemd unit file read as sections of key=value lines: comments and blank lines skipped,
 * backslash continuations joined, repeated keys kept in order.
 */
record SystemdUnit(Map<String, Map<String, List<String>>> sections) {

  static SystemdUnit parse(String text) {
    Map<String, Map<String, List<String>>> sections = new LinkedHashMap<>();
    Map<String, List<String>> current = null;
    StringBuilder pending = new StringBuilder();
    for (String raw : text.split("\n", -1)) {
      String line = raw.strip();
      if (pending.isEmpty() && (line.isEmpty() || line.startsWith("#") || line.startsWith(";"))) {
        continue;
      }
      if (line.endsWith("\\")) {
        pending.append(line, 0, line.length() - 1).append(' ');
        continue;
      }
      pending.append(line);
      String logical = pending.toString().strip();
      pending.setLength(0);
      if (logical.startsWith("[") && logical.endsWith("]")) {
        current =
            sections.computeIfAbsent(
                logical.substring(1, logical.length() - 1), k -> new LinkedHashMap<>());
        continue;
      }
      int equals = logical.indexOf('=');
      if (current == null || equals <= 0) {
        throw new IllegalArgumentException("not a section or key=value line: " + logical);
      }
      current
          .computeIfAbsent(logical.substring(0, equals).strip(), k -> new ArrayList<>())
          .add(logical.substring(equals + 1).strip());
    }
    return new SystemdUnit(sections);
  }

  /** Every value of {@code key} in {@code section}, empty if absent. */
  List<String> values(String section, String key) {
    return sections.getOrDefault(section, Map.of()).getOrDefault(key, List.of());
  }

  /** The last value (systemd's rule for single-valued settings), or null. */
  String value(String section, String key) {
    List<String> all = values(section, key);
    return all.isEmpty() ? null : all.getLast();
  }
}
