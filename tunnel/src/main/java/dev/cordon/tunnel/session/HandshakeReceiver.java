package dev.cordon.tunnel.session;

import static dev.cordon.tunnel.protocol.Constants.COOKIE_REPLY_LENGTH;
import static dev.cordon.tunnel.protocol.Constants.RESPONSE_LENGTH;

import dev.cordon.tunnel.protocol.Handshake;
import dev.cordon.tunnel.protocol.Keypair;
import dev.cordon.tunnel.protocol.cookie.CookieChecker;
import dev.cordon.tunnel.protocol.message.CookieReplyMessage;
import dev.cordon.tunnel.protocol.message.LittleEndian;
import dev.cordon.tunnel.protocol.message.ResponseMessage;
import java.net.InetSocketAddress;
import java.util.Base64;
import java.util.Objects;

/**
 * Handshake messages in: the DoS layer first (mac1 always; under load, mac2 or a cookie reply, then
 * the per-source rate limit), then the handshake itself under the peer's lock, then the session it
 * yields. A responder's keypair waits in next; an initiator's is current at once and is confirmed
 * with the staged packets or a keepalive.
 */
final class HandshakeReceiver {
  private final Engine engine;

  HandshakeReceiver(Engine engine) {
    this.engine = engine;
  }

  void initiation(byte[] buf, int off, int len, InetSocketAddress source, long now, Outbox out) {
    if (!admit(buf, off, len, source, now, out)) {
      return;
    }
    Peer[] held = new Peer[1];
    try {
      Handshake handshake =
          engine.protocol.consumeInitiation(
              buf,
              off,
              len,
              key -> lockPeer(key, held),
              (h, timestamp) -> held[0].initiations.admit(timestamp, now));
      if (handshake == null) {
        engine.drop(Drop.HANDSHAKE_REFUSED);
        return;
      }
      authenticated(held[0], source, len, now);
      respond(held[0], now, out);
    } finally {
      if (held[0] != null) {
        held[0].lock.unlock();
      }
    }
  }

  void response(byte[] buf, int off, int len, InetSocketAddress source, long now, Outbox out) {
    if (!admit(buf, off, len, source, now, out)) {
      return;
    }
    int receiver = LittleEndian.getInt(buf, off + ResponseMessage.RECEIVER_OFFSET);
    IndexTable.Entry entry = engine.indexTable.lookup(receiver);
    if (entry == null || !entry.isHandshake()) {
      engine.drop(Drop.UNKNOWN_INDEX);
      return;
    }
    Peer peer = entry.peer();
    peer.lock.lock();
    try {
      if (peer.isRemoved() || !engine.protocol.consumeResponse(peer.handshake, buf, off, len)) {
        engine.drop(Drop.HANDSHAKE_REFUSED);
        return;
      }
      Keypair keypair = engine.protocol.beginSession(peer.handshake);
      engine.indexTable.swapIndexForKeypair(receiver, keypair);
      peer.handshakeIndex = 0;
      peer.keypairs.installAsInitiator(keypair);
      authenticated(peer, source, len, now);
      peer.timers.handshakeComplete(now);
      peer.timers.sessionDerived(now);
      peer.lastHandshakeNanos = now;
      engine.events.handshakeComplete(peer, true);
      engine.sender.sendKeepalive(peer, now, out);
    } finally {
      peer.lock.unlock();
    }
  }

  void cookieReply(byte[] buf, int off, int len) {
    int receiver = LittleEndian.getInt(buf, off + CookieReplyMessage.RECEIVER_OFFSET);
    IndexTable.Entry entry = engine.indexTable.lookup(receiver);
    if (entry == null || !entry.peer().handshake.cookies().consumeReply(buf, off)) {
      engine.drop(Drop.COOKIE_REFUSED);
    }
  }

  /** Call with the peer's lock held after a message from source authenticated as the peer's. */
  void authenticated(Peer peer, InetSocketAddress source, int len, long now) {
    peer.rxBytes.addAndGet(len);
    peer.timers.anyAuthenticatedPacketTraversal(now);
    peer.timers.anyAuthenticatedPacketReceived(now);
    if (!Objects.equals(peer.endpoint(), source)) {
      peer.setEndpoint(source);
      engine.events.endpointChanged(peer, source);
    }
  }

  /** Responder: answers the initiation just consumed and parks the new keypair in next. */
  private void respond(Peer peer, long now, Outbox out) {
    int index = engine.indexTable.newIndexForHandshake(peer);
    byte[] msg = new byte[RESPONSE_LENGTH];
    if (engine.protocol.createResponse(peer.handshake, index, msg, 0) < 0) {
      engine.indexTable.delete(index);
      return;
    }
    engine.freeHandshakeIndex(peer);
    Keypair keypair = engine.protocol.beginSession(peer.handshake);
    engine.indexTable.swapIndexForKeypair(index, keypair);
    peer.keypairs.installAsResponder(keypair);
    peer.timers.sessionDerived(now);
    peer.lastSentHandshakeNanos = now;
    peer.sentHandshake = true;
    engine.sender.transmit(peer, msg, msg.length, now, out);
  }

  /** mac1 always; under load also mac2 (else a cookie reply) and the per-source rate limit. */
  private boolean admit(
      byte[] buf, int off, int len, InetSocketAddress source, long now, Outbox out) {
    CookieChecker checker = engine.protocol.cookieChecker();
    if (!checker.checkMac1(buf, off, len)) {
      engine.drop(Drop.BAD_MAC1);
      return false;
    }
    if (!engine.underLoad.isUnderLoad(now)) {
      return true;
    }
    byte[] cookieSource = CookieChecker.source(source.getAddress().getAddress(), source.getPort());
    if (!checker.checkMac2(buf, off, len, cookieSource)) {
      byte[] reply = new byte[COOKIE_REPLY_LENGTH];
      int sender = Receiver.senderIndex(buf, off);
      checker.createReply(buf, off, len, sender, cookieSource, reply, 0);
      out.toNetwork(source, reply, reply.length);
      engine.drop(Drop.COOKIE_SENT);
      return false;
    }
    if (!engine.rateLimiter.allow(source.getAddress())) {
      engine.drop(Drop.RATE_LIMITED);
      return false;
    }
    return true;
  }

  /** The peer lookup for consumeInitiation: locks the peer it returns (unlocked by the caller). */
  private Handshake lockPeer(byte[] staticPublic, Peer[] held) {
    Peer peer = engine.peerByName(Base64.getEncoder().encodeToString(staticPublic));
    if (peer == null) {
      return null;
    }
    peer.lock.lock();
    if (peer.isRemoved()) {
      peer.lock.unlock();
      return null;
    }
    held[0] = peer;
    return peer.handshake;
  }
}
