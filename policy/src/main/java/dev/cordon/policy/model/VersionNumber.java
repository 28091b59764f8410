package dev.cordon.policy.model;

import java.util.Arrays;

/**
 * A dotted numeric version such as {@code 2.10.1} (a leading {@code v} is allowed). Compared
 * component by component, missing components count as zero, so {@code 2.1 == 2.1.0}.
 */
public record VersionNumber(int[] parts) implements Comparable<VersionNumber> {
  public VersionNumber {
    parts = parts.clone();
  }

  public static VersionNumber parse(String text) {
    String t = text.strip();
    if (t.startsWith("v") || t.startsWith("V")) t = t.substring(1);
    String[] pieces = t.split("\\.", -1);
    int[] parts = new int[pieces.length];
    for (int i = 0; i < pieces.length; i++) {
      String p = pieces[i];
      if (p.isEmpty() || p.length() > 9 || !p.chars().allMatch(c -> c >= '0' && c <= '9')) {
        throw new IllegalArgumentException(
            "\"" + text + "\" is not a version; write dotted numbers such as \"2.1.0\"");
      }
      parts[i] = Integer.parseInt(p);
    }
    return new VersionNumber(parts);
  }

  @Override
  public int compareTo(VersionNumber o) {
    int n = Math.max(parts.length, o.parts.length);
    for (int i = 0; i < n; i++) {
      int a = i < parts.length ? parts[i] : 0;
      int b = i < o.parts.length ? o.parts[i] : 0;
      if (a != b) return Integer.compare(a, b);
    }
    return 0;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof VersionNumber v && compareTo(v) == 0;
  }

  @Override
  public int hashCode() {
    int n = parts.length;
    while (n > 0 && parts[n - 1] == 0) n--;
    return Arrays.hashCode(Arrays.copyOf(parts, n));
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder();
    for (int p : parts) b.append(b.isEmpty() ? "" : ".").append(p);
    return b.toString();
  }
}
