package dev.cordon.client.agent;

import dev.cordon.tunnel.PeerConfig;
import dev.cordon.tunnel.PeerStatus;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * The agent's view of its interface: peers, the overlay address, routes and counters. The real one
 * is a {@link WireGuardTunnel}; tests use an in-memory one, so the agent's logic runs without root.
 */
public interface Tunnel extends AutoCloseable {

  /** Adds or changes a peer (sessions survive a change). */
  void setPeer(PeerConfig peer);

  /** Removes a peer and destroys its sessions at once. */
  void removePeer(byte[] publicKey);

  /** Puts the device's overlay address ("100.64.0.7/32") on the interface. */
  void addAddress(String prefix) throws IOException;

  /** Routes a prefix into the interface. */
  void addRoute(String prefix) throws IOException;

  /** Stops routing a prefix into the interface. */
  void removeRoute(String prefix) throws IOException;

  /** Counters of every peer. */
  List<PeerStatus> peers();

  /** Drops so far, per reason name. */
  Map<String, Long> drops();

  /** Removes every peer and the interface. Idempotent. */
  @Override
  void close();

  /** Opens the interface. */
  @FunctionalInterface
  interface Factory {
    Tunnel open(String interfaceName, byte[] privateKey, InboundFilter filter) throws IOException;
  }
}
