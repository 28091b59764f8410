package dev.cordon.tunnel;

import java.net.InetSocketAddress;

/**
 * Events of a {@link WireGuardDevice}, for logs and tools. Called on the device's threads while a
 * peer's state is locked: be quick and do not call back into the device. Peers are named by their
 * base64 public key.
 */
public interface DeviceListener {
  DeviceListener NONE = new DeviceListener() {};

  /** A session with peer is usable; initiator says which side started the handshake. */
  default void handshakeComplete(String peer, boolean initiator) {}

  default void keepaliveReceived(String peer) {}

  /** An authenticated packet came from a new address, which is the peer's endpoint now. */
  default void endpointChanged(String peer, InetSocketAddress endpoint) {}
}
