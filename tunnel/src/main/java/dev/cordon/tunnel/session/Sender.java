package dev.cordon.tunnel.session;

import static dev.cordon.tunnel.protocol.Constants.INITIATION_LENGTH;
import static dev.cordon.tunnel.protocol.Constants.REJECT_AFTER_MESSAGES;
import static dev.cordon.tunnel.protocol.Constants.REJECT_AFTER_TIME;
import static dev.cordon.tunnel.protocol.Constants.REKEY_AFTER_MESSAGES;
import static dev.cordon.tunnel.protocol.Constants.REKEY_AFTER_TIME;
import static dev.cordon.tunnel.protocol.Constants.REKEY_ON_RECEIVE_AGE;
import static dev.cordon.tunnel.protocol.Constants.REKEY_TIMEOUT;
import static dev.cordon.tunnel.protocol.Constants.TAG_LENGTH;

import dev.cordon.tunnel.protocol.Keypair;
import dev.cordon.tunnel.protocol.message.TransportMessage;
import java.net.InetSocketAddress;
import java.util.Arrays;

/**
 * The sending half (wireguard-go's send.go): encrypt under the current keypair, or stage the packet
 * and start a handshake; keepalives; initiations, rate-limited to one per REKEY_TIMEOUT; keeping
 * keys fresh. Every method but {@link #send} expects the peer's lock held.
 */
final class Sender {
  private static final byte[] EMPTY = new byte[0];

  private final Engine engine;

  Sender(Engine engine) {
    this.engine = engine;
  }

  void send(Peer peer, byte[] packet, int off, int len, long now, Outbox out) {
    peer.lock.lock();
    try {
      if (peer.isRemoved()) {
        engine.drop(Drop.PEER_REMOVED);
        return;
      }
      if (peer.stage(Arrays.copyOfRange(packet, off, off + len))) {
        engine.drop(Drop.STAGED_OVERFLOW);
      }
      sendStaged(peer, now, out);
    } finally {
      peer.lock.unlock();
    }
  }

  /** Sends a keepalive, unless data is already waiting (which does the same job). */
  void sendKeepalive(Peer peer, long now, Outbox out) {
    if (peer.staged.isEmpty()) {
      peer.staged.addLast(EMPTY);
    }
    sendStaged(peer, now, out);
  }

  /** Sends every staged packet under the current keypair, or starts a handshake for them. */
  void sendStaged(Peer peer, long now, Outbox out) {
    Keypair keypair = usableCurrent(peer, now);
    if (keypair == null) {
      if (!peer.staged.isEmpty()) {
        sendHandshakeInitiation(peer, false, now, out);
      }
      return;
    }
    while (!peer.staged.isEmpty()) {
      byte[] packet = peer.staged.peekFirst();
      if (!seal(peer, keypair, packet, now, out)) {
        sendHandshakeInitiation(peer, false, now, out);
        return;
      }
      peer.staged.pollFirst();
      if (packet.length > 0) {
        peer.timers.dataSent(now);
      }
    }
    keepKeyFreshSending(peer, keypair, now, out);
  }

  /**
   * Sends an initiation to the peer's endpoint, unless one went out less than REKEY_TIMEOUT ago. A
   * retry (timer-driven) keeps the attempt count; anything else restarts it.
   */
  void sendHandshakeInitiation(Peer peer, boolean isRetry, long now, Outbox out) {
    if (!isRetry) {
      peer.timers.handshakeAttempts = 0;
    }
    if (peer.sentHandshake && now - peer.lastSentHandshakeNanos < REKEY_TIMEOUT.toNanos()) {
      return;
    }
    if (!peer.handshake.isUsable() || peer.isRemoved()) {
      return;
    }
    peer.lastSentHandshakeNanos = now;
    peer.sentHandshake = true;
    engine.freeHandshakeIndex(peer);
    int index = engine.indexTable.newIndexForHandshake(peer);
    byte[] msg = new byte[INITIATION_LENGTH];
    if (engine.protocol.createInitiation(peer.handshake, index, msg, 0) < 0) {
      engine.indexTable.delete(index);
      return;
    }
    peer.handshakeIndex = index;
    transmit(peer, msg, msg.length, now, out);
    peer.timers.handshakeInitiated(now);
  }

  /** Sends a handshake or transport message and runs the sent-packet hooks. */
  void transmit(Peer peer, byte[] msg, int len, long now, Outbox out) {
    peer.timers.anyAuthenticatedPacketTraversal(now);
    peer.timers.anyAuthenticatedPacketSent(now);
    InetSocketAddress endpoint = peer.endpoint();
    if (endpoint == null) {
      engine.drop(Drop.NO_ENDPOINT);
      return;
    }
    peer.txBytes.addAndGet(len);
    out.toNetwork(endpoint, msg, len);
  }

  /** The initiator rekeys on receive once its keypair is 165 s old, once per handshake. */
  void keepKeyFreshReceiving(Peer peer, long now, Outbox out) {
    if (peer.timers.sentLastMinuteHandshake) {
      return;
    }
    Keypair current = peer.keypairs.current();
    if (current != null
        && current.isInitiator()
        && now - current.createdNanos() > REKEY_ON_RECEIVE_AGE.toNanos()) {
      peer.timers.sentLastMinuteHandshake = true;
      sendHandshakeInitiation(peer, false, now, out);
    }
  }

  /** The current keypair when it may still send, else null. */
  static Keypair usableCurrent(Peer peer, long now) {
    Keypair k = peer.keypairs.current();
    if (k == null
        || k.isDestroyed()
        || now - k.createdNanos() >= REJECT_AFTER_TIME.toNanos()
        || Long.compareUnsigned(k.sendCount(), REJECT_AFTER_MESSAGES) >= 0) {
      return null;
    }
    return k;
  }

  private boolean seal(Peer peer, Keypair keypair, byte[] packet, long now, Outbox out) {
    int padded = TransportMessage.paddedLength(packet.length, engine.mtu);
    byte[] msg = new byte[TransportMessage.DATA_OFFSET + padded + TAG_LENGTH];
    System.arraycopy(packet, 0, msg, TransportMessage.DATA_OFFSET, packet.length);
    int len = keypair.sealTransport(msg, TransportMessage.DATA_OFFSET, padded, msg, 0);
    if (len < 0) {
      return false;
    }
    peer.txPackets.incrementAndGet();
    transmit(peer, msg, len, now, out);
    return true;
  }

  /**
   * Only the keypair's initiator rekeys after REKEY_AFTER_TIME; either side after 2^60 messages.
   */
  private void keepKeyFreshSending(Peer peer, Keypair keypair, long now, Outbox out) {
    if ((keypair.isInitiator() && now - keypair.createdNanos() > REKEY_AFTER_TIME.toNanos())
        || Long.compareUnsigned(keypair.sendCount(), REKEY_AFTER_MESSAGES) > 0) {
      sendHandshakeInitiation(peer, false, now, out);
    }
  }
}
