package dev.cordon.policy.model;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** A set of ports as ranges; the empty set means "any port". */
public record PortSet(List<PortRange> ranges) {
  public static final PortSet ANY = new PortSet(List.of());

  public PortSet {
    ranges = List.copyOf(ranges);
  }

  public static PortSet of(PortRange... ranges) {
    return new PortSet(List.of(ranges));
  }

  public boolean isAny() {
    return ranges.isEmpty();
  }

  public boolean contains(int port) {
    if (ranges.isEmpty()) return true;
    // Indexed, not for-each: this runs per first packet and must not allocate an iterator.
    for (int i = 0; i < ranges.size(); i++) if (ranges.get(i).contains(port)) return true;
    return false;
  }

  /** Whether every port of {@code other} is in this set. */
  public boolean covers(PortSet other) {
    if (isAny()) return true;
    if (other.isAny()) return false;
    List<PortRange> merged = merged();
    for (PortRange o : other.ranges) {
      if (merged.stream().noneMatch(m -> m.covers(o))) return false;
    }
    return true;
  }

  /** The ranges sorted, with overlapping and adjacent ones joined (80-90 and 91-95: 80-95). */
  private List<PortRange> merged() {
    List<PortRange> sorted = new ArrayList<>(ranges);
    sorted.sort(Comparator.comparingInt(PortRange::first));
    List<PortRange> out = new ArrayList<>();
    for (PortRange r : sorted) {
      PortRange last = out.isEmpty() ? null : out.getLast();
      if (last != null && r.first() <= last.last() + 1) {
        out.set(out.size() - 1, new PortRange(last.first(), Math.max(last.last(), r.last())));
      } else {
        out.add(r);
      }
    }
    return out;
  }

  public boolean overlaps(PortSet other) {
    if (isAny() || other.isAny()) return true;
    for (PortRange a : ranges) for (PortRange b : other.ranges) if (a.overlaps(b)) return true;
    return false;
  }

  @Override
  public String toString() {
    return isAny() ? "any" : ranges.toString();
  }
}
