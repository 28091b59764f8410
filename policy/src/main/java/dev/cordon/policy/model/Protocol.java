package dev.cordon.policy.model;

/** Transport protocols a rule or service can name; ICMP covers ICMPv4 and ICMPv6. */
public enum Protocol {
  ANY,
  TCP,
  UDP,
  ICMP;

  /** IANA protocol numbers used on the wire. */
  public static final int IP_ICMP = 1;

  public static final int IP_TCP = 6;
  public static final int IP_UDP = 17;
  public static final int IP_ICMPV6 = 58;

  /** Whether a packet with IP protocol number {@code ipProto} belongs to this protocol. */
  public boolean matches(int ipProto) {
    return switch (this) {
      case ANY -> true;
      case TCP -> ipProto == IP_TCP;
      case UDP -> ipProto == IP_UDP;
      case ICMP -> ipProto == IP_ICMP || ipProto == IP_ICMPV6;
    };
  }

  /** Whether flows of this protocol carry ports (TCP and UDP do). */
  public static boolean hasPorts(int ipProto) {
    return ipProto == IP_TCP || ipProto == IP_UDP;
  }

  /** The narrower of two protocols, or null when they share no flow. */
  public static Protocol intersect(Protocol a, Protocol b) {
    if (a == ANY) return b;
    if (b == ANY || a == b) return a;
    return null;
  }
}
