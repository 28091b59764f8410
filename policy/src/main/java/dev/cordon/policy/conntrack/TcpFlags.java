package dev.cordon.policy.conntrack;

/** TCP header flag bits (RFC 9293) the tracker looks at. */
public final class TcpFlags {
  public static final int FIN = 0x01;
  public static final int SYN = 0x02;
  public static final int RST = 0x04;
  public static final int ACK = 0x10;

  private TcpFlags() {}
}
