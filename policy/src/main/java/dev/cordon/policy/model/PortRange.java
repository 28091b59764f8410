package dev.cordon.policy.model;

/** An inclusive range of TCP/UDP ports, 1 to 65535. */
public record PortRange(int first, int last) {
  public static final int MIN = 1;
  public static final int MAX = 65535;

  public PortRange {
    if (first < MIN || last > MAX || first > last) {
      throw new IllegalArgumentException("bad port range " + first + "-" + last);
    }
  }

  public static PortRange of(int port) {
    return new PortRange(port, port);
  }

  public boolean contains(int port) {
    return port >= first && port <= last;
  }

  public boolean covers(PortRange other) {
    return first <= other.first && other.last <= last;
  }

  public boolean overlaps(PortRange other) {
    return first <= other.last && other.first <= last;
  }

  @Override
  public String toString() {
    return first == last ? Integer.toString(first) : first + "-" + last;
  }
}
