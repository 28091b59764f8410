package dev.cordon.policy.model;

/**
 * An address prefix such as {@code 10.10.1.0/24} or {@code fd00::/64}; host bits must be zero.
 * {@link #first()} and {@link #last()} bound it in the shared 128-bit space of {@link IpAddress}.
 */
public record IpPrefix(IpAddress address, int length) implements Comparable<IpPrefix> {

  public IpPrefix {
    if (length < 0 || length > address.bits()) {
      throw new IllegalArgumentException(
          "prefix length " + length + " is out of range 0-" + address.bits());
    }
    if (!address.equals(network(address, length))) {
      throw new IllegalArgumentException(
          address
              + "/"
              + length
              + " has host bits set; did you mean "
              + network(address, length)
              + "/"
              + length
              + "?");
    }
  }

  /** Parses {@code addr/len} or a bare address (a host prefix). */
  public static IpPrefix parse(String text) {
    int slash = text.indexOf('/');
    if (slash < 0) {
      IpAddress a = IpAddress.parse(text);
      return new IpPrefix(a, a.bits());
    }
    IpAddress a = IpAddress.parse(text.substring(0, slash));
    String len = text.substring(slash + 1).strip();
    if (len.isEmpty() || !len.chars().allMatch(c -> c >= '0' && c <= '9') || len.length() > 3) {
      throw new IllegalArgumentException("\"" + len + "\" is not a prefix length");
    }
    return new IpPrefix(a, Integer.parseInt(len));
  }

  public static IpPrefix host(IpAddress a) {
    return new IpPrefix(a, a.bits());
  }

  private int length128() {
    return address.v4() ? 96 + length : length;
  }

  private static IpAddress network(IpAddress a, int length) {
    int l = a.v4() ? 96 + length : length;
    return new IpAddress(a.hi() & maskHi(l), a.lo() & maskLo(l), a.v4());
  }

  private static long maskHi(int l) {
    return l >= 64 ? -1L : l == 0 ? 0 : -1L << (64 - l);
  }

  private static long maskLo(int l) {
    return l <= 64 ? 0 : l >= 128 ? -1L : -1L << (128 - l);
  }

  public IpAddress first() {
    return address;
  }

  public IpAddress last() {
    int l = length128();
    return new IpAddress(address.hi() | ~maskHi(l), address.lo() | ~maskLo(l), address.v4());
  }

  public boolean contains(long hi, long lo) {
    int l = length128();
    return (hi & maskHi(l)) == address.hi() && (lo & maskLo(l)) == address.lo();
  }

  /**
   * Containment in the shared 128-bit space: an IPv6 prefix that covers {@code ::ffff:0:0/96} (such
   * as {@code ::/0}) also covers IPv4, the same answer the compiled index gives.
   */
  public boolean contains(IpAddress a) {
    return contains(a.hi(), a.lo());
  }

  public boolean covers(IpPrefix p) {
    return p.length128() >= length128() && contains(p.address);
  }

  public boolean overlaps(IpPrefix p) {
    return covers(p) || p.covers(this);
  }

  @Override
  public int compareTo(IpPrefix o) {
    int c = address.compareTo(o.address);
    return c != 0 ? c : Integer.compare(length, o.length);
  }

  @Override
  public String toString() {
    return address + "/" + length;
  }
}
