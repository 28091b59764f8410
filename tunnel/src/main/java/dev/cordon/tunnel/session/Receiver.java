package dev.cordon.tunnel.session;

import static dev.cordon.tunnel.protocol.Constants.REJECT_AFTER_MESSAGES;
import static dev.cordon.tunnel.protocol.Constants.REJECT_AFTER_TIME;
import static dev.cordon.tunnel.protocol.Constants.TAG_LENGTH;

import dev.cordon.tunnel.protocol.Constants;
import dev.cordon.tunnel.protocol.Keypair;
import dev.cordon.tunnel.protocol.message.LittleEndian;
import dev.cordon.tunnel.protocol.message.MessageType;
import dev.cordon.tunnel.protocol.message.TransportMessage;
import java.net.InetSocketAddress;

/**
 * The receiving half (wireguard-go's receive.go): classify, then transport messages by index,
 * keypair and replay window, then cryptokey routing. Handshake messages go to {@link
 * HandshakeReceiver}. Authentication comes before any state change, so a datagram that fails
 * anywhere leaves everything as it was.
 */
final class Receiver {
  private final Engine engine;
  private final HandshakeReceiver handshakes;

  Receiver(Engine engine) {
    this.engine = engine;
    this.handshakes = new HandshakeReceiver(engine);
  }

  void receive(byte[] buf, int off, int len, InetSocketAddress source, long now, Outbox out) {
    try {
      if (source == null || source.getAddress() == null) {
        engine.drop(Drop.MALFORMED);
        return;
      }
      switch (MessageType.of(buf, off, len)) {
        case Constants.TYPE_INITIATION -> handshakes.initiation(buf, off, len, source, now, out);
        case Constants.TYPE_RESPONSE -> handshakes.response(buf, off, len, source, now, out);
        case Constants.TYPE_COOKIE_REPLY -> handshakes.cookieReply(buf, off, len);
        case Constants.TYPE_TRANSPORT -> transport(buf, off, len, source, now, out);
        default -> engine.drop(Drop.MALFORMED);
      }
    } catch (RuntimeException e) {
      engine.drop(Drop.INTERNAL_ERROR);
    }
  }

  private void transport(
      byte[] buf, int off, int len, InetSocketAddress source, long now, Outbox out) {
    TransportMessage msg = new TransportMessage();
    msg.wrap(buf, off, len);
    IndexTable.Entry entry = engine.indexTable.lookup(msg.receiverIndex());
    if (entry == null || entry.isHandshake()) {
      engine.drop(Drop.UNKNOWN_INDEX);
      return;
    }
    Keypair keypair = entry.keypair();
    if (keypair.isDestroyed() || now - keypair.createdNanos() >= REJECT_AFTER_TIME.toNanos()) {
      engine.drop(Drop.STALE_KEYPAIR);
      return;
    }
    if (Long.compareUnsigned(msg.counter(), REJECT_AFTER_MESSAGES) >= 0) {
      engine.drop(Drop.REPLAY);
      return;
    }
    byte[] plain = new byte[msg.dataLength() - TAG_LENGTH];
    if (!keypair.openTransport(msg, plain, 0)) {
      engine.drop(Drop.DECRYPT_FAILED);
      return;
    }
    if (!keypair.acceptCounter(msg.counter())) {
      engine.drop(Drop.REPLAY);
      return;
    }
    Peer peer = entry.peer();
    peer.lock.lock();
    try {
      if (peer.isRemoved()) {
        engine.drop(Drop.PEER_REMOVED);
        return;
      }
      authenticatedTransport(peer, keypair, len, source, now, out);
      deliver(peer, plain, now, out);
    } finally {
      peer.lock.unlock();
    }
  }

  /** Bookkeeping for a transport message that authenticated: confirmation, roaming, hooks. */
  private void authenticatedTransport(
      Peer peer, Keypair keypair, int len, InetSocketAddress source, long now, Outbox out) {
    peer.rxPackets.incrementAndGet();
    handshakes.authenticated(peer, source, len, now);
    if (peer.keypairs.receivedWith(keypair)) {
      peer.timers.handshakeComplete(now);
      peer.lastHandshakeNanos = now;
      engine.events.handshakeComplete(peer, false);
      engine.sender.sendStaged(peer, now, out);
    }
    engine.sender.keepKeyFreshReceiving(peer, now, out);
  }

  /** Keepalives stop here; packets must be IP and come from the peer's allowed IPs. */
  private void deliver(Peer peer, byte[] plain, long now, Outbox out) {
    if (plain.length == 0) {
      engine.events.keepaliveReceived(peer);
      return;
    }
    peer.timers.dataReceived(now);
    int length = IpPackets.totalLength(plain, 0, plain.length);
    if (length < 0) {
      engine.drop(Drop.NOT_IP);
      return;
    }
    int src = IpPackets.sourceOffset(plain, 0, length);
    if (engine.allowedIps.lookup(plain, src, IpPackets.addressLength(plain, 0)) != peer) {
      engine.drop(Drop.SOURCE_NOT_ALLOWED);
      return;
    }
    out.toTunnel(peer, plain, 0, length);
  }

  static int senderIndex(byte[] buf, int off) {
    return LittleEndian.getInt(buf, off + Constants.HEADER_LENGTH);
  }
}
