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
  /** Starts answering handshakes from the slot's key; inbound packets go through the slot. */
  void addPeer(PeerSlot slot, List<IpPrefix> allowedIps);

  /** Changes what the key may send and be sent; its sessions stay up. */
  void updateAllowedIps(PeerSlot slot, List<IpPrefix> allowedIps);

  /** Destroys the key's sessions and keypairs at once; it gets no answer from then on. */
  void removePeer(PeerKey key);
}
