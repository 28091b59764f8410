package dev.cordon.policy.model;

/** Versions at least {@code min} (inclusive) and below {@code below} (exclusive); null = open. */
public record VersionRange(VersionNumber min, VersionNumber below) {
  public VersionRange {
    if (min != null && below != null && min.compareTo(below) >= 0) {
      throw new IllegalArgumentException(
          "the range is empty: min " + min + " is not below " + below);
    }
  }

  public static VersionRange of(String min, String below) {
    return new VersionRange(
        min == null ? null : VersionNumber.parse(min),
        below == null ? null : VersionNumber.parse(below));
  }

  /** A device that reported no version never satisfies a range. */
  public boolean contains(VersionNumber v) {
    if (v == null) return false;
    return (min == null || v.compareTo(min) >= 0) && (below == null || v.compareTo(below) < 0);
  }
}
