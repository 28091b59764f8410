package dev.cordon.tunnel.session;

import java.net.InetSocketAddress;

/**
 * What the engine reports as it happens, for logs, tools and counters. Called while a peer's lock
 * is held: implementations must be quick and must not call back into the engine.
 */
public interface SessionEvents {
  SessionEvents NONE = new SessionEvents() {};

  /** A session is usable: our initiation was answered, or our response was confirmed. */
  default void handshakeComplete(Peer peer, boolean initiator) {}

  /** An authenticated keepalive (empty transport message) arrived. */
  default void keepaliveReceived(Peer peer) {}

  /** An authenticated packet came from a new address, which is the peer's endpoint now. */
  default void endpointChanged(Peer peer, InetSocketAddress endpoint) {}

  /** Something was dropped, with the reason. */
  default void dropped(Drop reason) {}
}
