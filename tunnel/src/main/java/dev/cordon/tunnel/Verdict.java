package dev.cordon.tunnel;

/** A {@link PacketPolicy}'s answer for one packet: let it through, or drop it for a reason. */
public sealed interface Verdict {
  Verdict ALLOW = new Allow();

  static Verdict drop(DropReason reason) {
    return new Drop(reason);
  }

  /** The packet goes on. */
  record Allow() implements Verdict {}

  /** The packet is dropped and counted under reason. */
  record Drop(DropReason reason) implements Verdict {
    public Drop {
      if (reason == null) {
        throw new IllegalArgumentException("a drop needs a reason");
      }
    }
  }
}
