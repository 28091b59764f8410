package dev.cordon.lab.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Parses Cordon's tunnel output: event lines {@code kind key=value key=value}, and the status
 * file's {@code key=value} lines. Other lines (logs, stack traces) are ignored.
 */
final class TunnelEvents {
  private static final Pattern EVENT =
      Pattern.compile("^([a-z][a-z-]*)((?: [a-z][a-z0-9-]*=\\S*)+)\\s*$");

  private TunnelEvents() {}

  static List<Map<String, String>> parse(String output, String kind) {
    var out = new ArrayList<Map<String, String>>();
    for (String line : output.split("\n")) {
      var m = EVENT.matcher(line);
      if (m.matches() && m.group(1).equals(kind)) {
        var fields = new LinkedHashMap<String, String>();
        for (String pair : m.group(2).strip().split(" ")) {
          int eq = pair.indexOf('=');
          fields.put(pair.substring(0, eq), pair.substring(eq + 1));
        }
        out.add(fields);
      }
    }
    return out;
  }

  static List<Map<String, String>> statusSections(String text) {
    var out = new ArrayList<Map<String, String>>();
    Map<String, String> current = new LinkedHashMap<>();
    for (String raw : text.split("\n")) {
      String line = raw.strip();
      int eq = line.indexOf('=');
      if (eq <= 0) {
        continue;
      }
      String key = line.substring(0, eq).strip();
      if (key.equals("peer") && !current.isEmpty()) {
        out.add(current);
        current = new LinkedHashMap<>();
      }
      current.put(key, line.substring(eq + 1).strip());
    }
    if (!current.isEmpty()) {
      out.add(current);
    }
    return out;
  }
}
