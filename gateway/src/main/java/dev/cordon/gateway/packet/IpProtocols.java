package dev.cordon.gateway.packet;

/** The IANA protocol and ICMP type numbers the parser knows (RFC 791, 8200, 792, 4443). */
public final class IpProtocols {
  public static final int ICMP = 1;
  public static final int TCP = 6;
  public static final int UDP = 17;
  public static final int ICMPV6 = 58;

  static final int V6_HOP_BY_HOP = 0;
  static final int V6_ROUTING = 43;
  static final int V6_FRAGMENT = 44;
  static final int V6_AUTH = 51;
  static final int V6_DEST_OPTIONS = 60;

  static final int ICMP_ECHO_REPLY = 0;
  static final int ICMP_ECHO_REQUEST = 8;
  static final int ICMPV6_ECHO_REQUEST = 128;
  static final int ICMPV6_ECHO_REPLY = 129;

  static final int IPV4_MIN_HEADER = 20;
  static final int IPV6_HEADER = 40;
  static final int TCP_MIN_HEADER = 20;
  static final int UDP_HEADER = 8;
  static final int ICMP_HEADER = 8;

  /** More extension headers than this is treated as hostile. */
  static final int V6_MAX_EXTENSIONS = 8;

  private IpProtocols() {}
}
