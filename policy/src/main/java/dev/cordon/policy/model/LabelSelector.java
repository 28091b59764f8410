package dev.cordon.policy.model;

import java.util.LinkedHashMap;
import java.util.Map;

/** Label pairs such as {@code type=camera, site=hq}; a device matches when every pair matches. */
public record LabelSelector(Map<String, String> pairs) {
  public LabelSelector {
    if (pairs.isEmpty()) throw new IllegalArgumentException("a selector needs at least one pair");
    pairs = Map.copyOf(pairs);
  }

  /** Parses {@code key=value, key=value}; keys and values are trimmed and must be non-empty. */
  public static LabelSelector parse(String text) {
    Map<String, String> pairs = new LinkedHashMap<>();
    for (String part : text.split(",", -1)) {
      int eq = part.indexOf('=');
      String key = eq < 0 ? "" : part.substring(0, eq).strip();
      String value = eq < 0 ? "" : part.substring(eq + 1).strip();
      if (key.isEmpty() || value.isEmpty() || value.indexOf('=') >= 0) {
        throw new IllegalArgumentException(
            "\""
                + part.strip()
                + "\" is not a key=value pair; write e.g. \"type=camera, site=hq\"");
      }
      if (pairs.put(key, value) != null) {
        throw new IllegalArgumentException("label \"" + key + "\" appears twice in one selector");
      }
    }
    return new LabelSelector(pairs);
  }

  public boolean matches(Map<String, String> labels) {
    for (Map.Entry<String, String> e : pairs.entrySet()) {
      if (!e.getValue().equals(labels.get(e.getKey()))) return false;
    }
    return true;
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder();
    pairs.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(
            e ->
                b.append(b.isEmpty() ? "" : ", ")
                    .append(e.getKey())
                    .append('=')
                    .append(e.getValue()));
    return b.toString();
  }
}
