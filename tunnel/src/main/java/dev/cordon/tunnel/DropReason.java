package dev.cordon.tunnel;

import java.util.regex.Pattern;

/**
 * A named reason for dropping a packet; the device counts drops per reason. The owner's {@link
 * PacketPolicy} names its own; the device's names are the constants here and the session layer's
 * reasons in lower case ("decrypt_failed", "replay", ...).
 */
public record DropReason(String name) {
  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,63}");

  /** An outgoing packet whose destination is in no peer's allowed IPs. */
  public static final DropReason NO_ROUTE = new DropReason("no_route");

  /** A packet from the tunnel that is not IPv4 or IPv6. */
  public static final DropReason NOT_IP = new DropReason("not_ip");

  public DropReason {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "a drop reason is 1-64 of [a-z0-9_.-], starting with a letter or digit: " + name);
    }
  }

  @Override
  public String toString() {
    return name;
  }
}
