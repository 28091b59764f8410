package dev.cordon.tunnel.allowedips;

import java.net.Inet4Address;
import java.net.InetAddress;

/**
 * An IPv4 or IPv6 prefix with its host bits cleared, so two spellings of one network are equal.
 *
 * <p>The address is held as two longs, most significant bit first: an IPv6 address fills {@code
 * high} and {@code low}; an IPv4 address sits in the top 32 bits of {@code high} with {@code low}
 * zero. This is the trie's key layout, which lets one node type serve both families.
 */
public record IpPrefix(boolean ipv6, long high, long low, int length) {

  public IpPrefix {
    int max = ipv6 ? 128 : 32;
    if (length < 0 || length > max) {
      throw new IllegalArgumentException("prefix length " + length + " outside 0.." + max);
    }
    high &= maskHigh(length);
    low &= maskLow(length);
  }

  /** An IPv4 prefix; {@code address} is the address in network order as an int. */
  public static IpPrefix ipv4(int address, int length) {
    return new IpPrefix(false, (address & 0xFFFF_FFFFL) << 32, 0, length);
  }

  /** An IPv6 prefix from the address's first and last eight bytes, big-endian. */
  public static IpPrefix ipv6(long high, long low, int length) {
    return new IpPrefix(true, high, low, length);
  }

  public static IpPrefix of(InetAddress address, int length) {
    byte[] bytes = address.getAddress();
    return address instanceof Inet4Address
        ? ipv4(Addresses.ipv4(bytes, 0), length)
        : ipv6(Addresses.longAt(bytes, 0), Addresses.longAt(bytes, 8), length);
  }

  /**
   * Parses "address/length" with a literal address (never a host name: no DNS lookup happens).
   * Without "/length" the prefix is a single host.
   */
  public static IpPrefix parse(String text) {
    int slash = text.indexOf('/');
    String host = slash < 0 ? text : text.substring(0, slash);
    InetAddress address;
    try {
      address = InetAddress.ofLiteral(host);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("not an IP prefix: " + text, e);
    }
    int max = address instanceof Inet4Address ? 32 : 128;
    int length;
    try {
      length = slash < 0 ? max : Integer.parseInt(text.substring(slash + 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not an IP prefix: " + text, e);
    }
    return of(address, length);
  }

  /** The number of bits an address of this family has. */
  public int addressBits() {
    return ipv6 ? 128 : 32;
  }

  public InetAddress address() {
    byte[] bytes = new byte[ipv6 ? 16 : 4];
    for (int i = 0; i < bytes.length; i++) {
      long word = i < 8 ? high : low;
      bytes[i] = (byte) (word >>> (56 - 8 * (i & 7)));
    }
    try {
      return InetAddress.getByAddress(bytes);
    } catch (java.net.UnknownHostException e) {
      throw new AssertionError("a 4- or 16-byte address is always valid", e);
    }
  }

  @Override
  public String toString() {
    return address().getHostAddress() + "/" + length;
  }

  /** The mask over {@code high} for a prefix of {@code length} bits (of up to 128). */
  static long maskHigh(int length) {
    return length == 0 ? 0 : -1L << (64 - Math.min(length, 64));
  }

  /** The mask over {@code low} for a prefix of {@code length} bits (of up to 128). */
  static long maskLow(int length) {
    return length <= 64 ? 0 : -1L << (128 - length);
  }
}
