package dev.cordon.controller.ipam;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * An IPv4 prefix handed out host by host. The network and broadcast addresses are never handed out,
 * so the pool's usable size is 2^(32-length) - 2.
 */
public record AddressPool(int network, int length) {

  public static final AddressPool DEFAULT = parse("100.64.0.0/10");

  public AddressPool {
    if (length < 8 || length > 30) {
      throw new IllegalArgumentException(
          "an overlay pool must be an IPv4 prefix of length 8..30, got /" + length);
    }
    if ((network & ~mask(length)) != 0) {
      throw new IllegalArgumentException("the pool's host bits must be zero");
    }
  }

  /**
   * @throws IllegalArgumentException naming the expected form {@code a.b.c.d/len}
   */
  public static AddressPool parse(String cidr) {
    int slash = cidr.indexOf('/');
    if (slash < 0 || !cidr.substring(0, slash).matches("[0-9.]+")) {
      throw new IllegalArgumentException(
          "overlay pool '" + cidr + "' must be an IPv4 prefix like 100.64.0.0/10");
    }
    try {
      byte[] b = InetAddress.getByName(cidr.substring(0, slash)).getAddress();
      int network =
          ((b[0] & 0xff) << 24) | ((b[1] & 0xff) << 16) | ((b[2] & 0xff) << 8) | b[3] & 0xff;
      return new AddressPool(network, Integer.parseInt(cidr.substring(slash + 1)));
    } catch (UnknownHostException | NumberFormatException e) {
      throw new IllegalArgumentException(
          "overlay pool '" + cidr + "' must be an IPv4 prefix like 100.64.0.0/10", e);
    }
  }

  /** Number of addresses that may be handed out. */
  public long size() {
    return (1L << (32 - length)) - 2;
  }

  /** The {@code index}-th usable host, 0-based. */
  public Inet4Address host(long index) {
    if (index < 0 || index >= size()) {
      throw new IndexOutOfBoundsException("host " + index + " of a pool of " + size());
    }
    int value = network + 1 + (int) index;
    try {
      return (Inet4Address)
          InetAddress.getByAddress(
              new byte[] {
                (byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value
              });
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  private static int mask(int length) {
    return length == 0 ? 0 : -1 << (32 - length);
  }

  @Override
  public String toString() {
    return host(0).getHostAddress().replaceAll("\\.\\d+$", "") + ".x/" + length;
  }
}
