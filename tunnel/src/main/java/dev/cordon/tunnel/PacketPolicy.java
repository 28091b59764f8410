package dev.cordon.tunnel;

/**
 * The owner's say over every packet: each decrypted packet that passed cryptokey routing before it
 * reaches the tunnel, and each outgoing packet after its peer is chosen and before it is encrypted.
 * Called on worker threads, concurrently: implementations must be thread-safe and quick, and must
 * not keep {@code packet}.
 */
public interface PacketPolicy {
  PacketPolicy ALLOW_ALL =
      new PacketPolicy() {
        @Override
        public Verdict inbound(String peer, byte[] packet, int offset, int length) {
          return Verdict.ALLOW;
        }

        @Override
        public Verdict outbound(String peer, byte[] packet, int offset, int length) {
          return Verdict.ALLOW;
        }
      };

  /**
   * A packet peer sent us.
   *
   * @param peer the sender's public key in base64
   * @param packet holds one IP packet in {@code [offset, offset + length)}
   */
  Verdict inbound(String peer, byte[] packet, int offset, int length);

  /** A packet we are about to send to peer (base64 public key). */
  Verdict outbound(String peer, byte[] packet, int offset, int length);
}
