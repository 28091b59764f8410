package dev.cordon.tunnel.session;

import java.net.InetSocketAddress;

/**
 * Where the engine puts what it produces during one call: datagrams for the network and decrypted
 * packets for the tunnel. One outbox per worker and batch, so results leave in batches; calls come
 * while the engine holds a peer's lock, so implementations only collect.
 */
public interface Outbox {
  /**
   * A datagram to send; the outbox owns {@code datagram}, whose first {@code length} bytes count.
   */
  void toNetwork(InetSocketAddress to, byte[] datagram, int length);

  /**
   * A decrypted packet from peer that passed cryptokey routing; the outbox owns {@code packet},
   * whose bytes {@code [offset, offset + length)} are one IP packet.
   */
  void toTunnel(Peer peer, byte[] packet, int offset, int length);
}
