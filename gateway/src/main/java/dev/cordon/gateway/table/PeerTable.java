package dev.cordon.gateway.table;

import dev.cordon.gateway.enforce.PeerKey;
import dev.cordon.gateway.enforce.PeerSlot;
import dev.cordon.tunnel.allowedips.IpPrefix;
import java.util.List;

/**
 * What the gateway needs from the WireGuard device's peer set. Every operation must be O(1) in the
 * number of peers and complete before it returns (the acknowledgement follows it).
 */
public interface PeerTable {
  /**
   * No device at all: for a gateway's table state and enforcer measured or exercised without
   * WireGuard (benchmarks), where nothing answers handshakes or carries packets.
   */
  PeerTable NONE =
      new PeerTable() {
        @Override
        public void addPeer(PeerSlot slot, List<IpPrefix> allowedIps) {}

        @Override
        public void updateAllowedIps(PeerSlot slot, List<IpPrefix> allowedIps) {}

        @Override
        public void removePeer(PeerKey key) {}
      };

  /** Starts answering handshakes from the slot's key; inbound packets go through the slot. */
  void addPeer(PeerSlot slot, List<IpPrefix> allowedIps);

  /** Changes what the key may send and be sent; its sessions stay up. */
  void updateAllowedIps(PeerSlot slot, List<IpPrefix> allowedIps);

  /** Destroys the key's sessions and keypairs at once; it gets no answer from then on. */
  void removePeer(PeerKey key);
}
