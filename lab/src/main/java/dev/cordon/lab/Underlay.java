package dev.cordon.lab;

/**
 * Underlay addresses for lab hosts, from the documentation range 192.0.2.0/24 (RFC 5737), so lab
 * traffic can never be mistaken for, or routed to, a real network.
 */
public final class Underlay {
  /** The underlay network every lab bridge carries. */
  public static final String NETWORK = "192.0.2.0/24";

  public static final int PREFIX_LENGTH = 24;

  /** Host 0 gets .10: the low addresses stay free for routers and fixtures a test may add. */
  static final int FIRST_HOST = 10;

  static final int LAST_HOST = 254;

  private Underlay() {}

  /** The address of host {@code hostIndex}: 192.0.2.10 for host 0, 192.0.2.11 for host 1, ... */
  public static String address(int hostIndex) {
    if (hostIndex < 0 || FIRST_HOST + hostIndex > LAST_HOST) {
      throw new IllegalArgumentException(
          "underlay host index must be 0.." + (LAST_HOST - FIRST_HOST) + ", was " + hostIndex);
    }
    return "192.0.2." + (FIRST_HOST + hostIndex);
  }

  /** {@link #address} with the underlay's prefix length, ready for {@code ip addr add}. */
  public static String cidr(int hostIndex) {
    return address(hostIndex) + "/" + PREFIX_LENGTH;
  }
}
