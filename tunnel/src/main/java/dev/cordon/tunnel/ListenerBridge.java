package dev.cordon.tunnel;

import dev.cordon.tunnel.session.Drop;
import dev.cordon.tunnel.session.Peer;
import dev.cordon.tunnel.session.SessionEvents;
import java.net.InetSocketAddress;

/** Turns the engine's events into the public listener's and counts the engine's drops. */
final class ListenerBridge implements SessionEvents {
  private final DeviceListener listener;
  private final DropCounters drops;

  ListenerBridge(DeviceListener listener, DropCounters drops) {
    this.listener = listener;
    this.drops = drops;
  }

  @Override
  public void handshakeComplete(Peer peer, boolean initiator) {
    listener.handshakeComplete(peer.name(), initiator);
  }

  @Override
  public void keepaliveReceived(Peer peer) {
    listener.keepaliveReceived(peer.name());
  }

  @Override
  public void endpointChanged(Peer peer, InetSocketAddress endpoint) {
    listener.endpointChanged(peer.name(), endpoint);
  }

  @Override
  public void dropped(Drop reason) {
    drops.count(reason);
  }
}
