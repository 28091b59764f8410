package dev.cordon.tunnel;

import dev.cordon.tunnel.session.Outbox;
import dev.cordon.tunnel.session.Peer;
import dev.cordon.tunnel.udp.DatagramBatch;
import io.netty.buffer.ByteBuf;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * What one worker produced from one batch: datagrams to send (one UDP batch) and decrypted packets
 * for the tunnel. Collected under the engine's locks, flushed after, outside them.
 */
final class DeviceOutbox implements Outbox {
  record Inbound(String peer, byte[] packet, int offset, int length) {}

  private final DataPath path;
  private DatagramBatch datagrams;
  private final List<Inbound> inbound = new ArrayList<>();

  DeviceOutbox(DataPath path) {
    this.path = path;
  }

  @Override
  public void toNetwork(InetSocketAddress to, byte[] datagram, int length) {
    if (datagrams == null) {
      datagrams = new DatagramBatch(16);
    }
    ByteBuf buf = path.udp().allocator().directBuffer(length);
    buf.writeBytes(datagram, 0, length);
    datagrams.add(to, buf);
  }

  @Override
  public void toTunnel(Peer peer, byte[] packet, int offset, int length) {
    inbound.add(new Inbound(peer.name(), packet, offset, length));
  }

  /** Sends the datagrams as one batch, then writes the packets the policy allows to the tunnel. */
  void flush() {
    if (datagrams != null) {
      path.udp().send(datagrams);
      datagrams = null;
    }
    for (Inbound p : inbound) {
      path.deliver(p);
    }
    inbound.clear();
  }
}
