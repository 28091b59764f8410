package dev.cordon.lab.bench;

import java.util.HashMap;
import java.util.Map;

/** {@code --name value} and bare {@code --flag} arguments of the lab's small main classes. */
record Args(Map<String, String> values) {
  static Args parse(String[] argv, String... flags) {
    var values = new HashMap<String, String>();
    var flagSet = java.util.Set.of(flags);
    for (int i = 0; i < argv.length; i++) {
      String name = argv[i];
      if (!name.startsWith("--")) {
        throw new IllegalArgumentException("expected --name, got " + name);
      }
      if (flagSet.contains(name)) {
        values.put(name, "true");
      } else if (i + 1 < argv.length) {
        values.put(name, argv[++i]);
      } else {
        throw new IllegalArgumentException(name + " needs a value");
      }
    }
    return new Args(Map.copyOf(values));
  }

  String text(String name) {
    String v = values.get(name);
    if (v == null) {
      throw new IllegalArgumentException("missing " + name);
    }
    return v;
  }

  String text(String name, String fallback) {
    return values.getOrDefault(name, fallback);
  }

  long number(String name, long fallback) {
    String v = values.get(name);
    return v == null ? fallback : Long.parseLong(v);
  }

  boolean flag(String name) {
    return values.containsKey(name);
  }
}
