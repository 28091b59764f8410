package dev.cordon.tunnel;

/**
 * A {@link PacketPolicy}'s answer for one packet: let it through, drop it for a reason, or (inbound
 * only) relay it straight to the peer whose allowed IPs hold its destination.
 */
public sealed interface Verdict {
  Verdict ALLOW = new Allow();

  /**
   * Inbound only: send the packet on to the peer that owns its destination without writing it to
   * the tunnel, so a gateway forwards device to device on one decision (outbound is not asked).
   * Dropped as {@code no_route} when no other peer owns the destination.
   */
  Verdict RELAY = new Relay();

  static Verdict drop(DropReason reason) {
    return new Drop(reason);
  }

  /** The packet goes on. */
  record Allow() implements Verdict {}

  /** The packet goes on to another peer; see {@link #RELAY}. */
  record Relay() implements Verdict {}

  /** The packet is dropped and counted under reason. */
  record Drop(DropReason reason) implements Verdict {
    public Drop {
      if (reason == null) {
        throw new IllegalArgumentException("a drop needs a reason");
      }
    }
  }
}
