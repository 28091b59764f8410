package dev.cordon.tunnel.session;

import static dev.cordon.tunnel.protocol.Constants.KEEPALIVE_TIMEOUT;

/**
 * What each timer does when it runs out (wireguard-go's expired* functions): retry or give up a
 * handshake, send a keepalive, start a handshake, zero the keys.
 */
final class TimerExpiry {
  private final Engine engine;

  TimerExpiry(Engine engine) {
    this.engine = engine;
  }

  /** Runs peer's due timers; returns its next deadline. */
  long expire(Peer peer, long now, Outbox out) {
    peer.lock.lock();
    try {
      if (peer.isRemoved()) {
        return Long.MAX_VALUE;
      }
      for (Timer timer : peer.timers.expire(now)) {
        switch (timer) {
          case RETRANSMIT_HANDSHAKE -> retransmitHandshake(peer, now, out);
          case SEND_KEEPALIVE -> sendKeepalive(peer, now, out);
          case NEW_HANDSHAKE -> engine.sender.sendHandshakeInitiation(peer, false, now, out);
          case ZERO_KEY_MATERIAL -> zeroKeyMaterial(peer);
          case PERSISTENT_KEEPALIVE -> engine.sender.sendKeepalive(peer, now, out);
        }
      }
      return peer.timers.nextDeadline();
    } finally {
      peer.lock.unlock();
    }
  }

  /** Retries every REKEY_TIMEOUT + jitter for REKEY_ATTEMPT_TIME, then drops what was staged. */
  private void retransmitHandshake(Peer peer, long now, Outbox out) {
    if (peer.timers.handshakeAttempts >= Timers.MAX_TIMER_HANDSHAKES) {
      for (byte[] packet : peer.staged) {
        if (packet.length > 0) {
          engine.drop(Drop.HANDSHAKE_GAVE_UP);
        }
      }
      peer.staged.clear();
      peer.timers.handshakeGaveUp(now);
      return;
    }
    peer.timers.handshakeAttempts++;
    engine.sender.sendHandshakeInitiation(peer, true, now, out);
  }

  private void sendKeepalive(Peer peer, long now, Outbox out) {
    engine.sender.sendKeepalive(peer, now, out);
    if (peer.timers.needAnotherKeepalive) {
      peer.timers.needAnotherKeepalive = false;
      peer.timers.start(Timer.SEND_KEEPALIVE, now + KEEPALIVE_TIMEOUT.toNanos());
    }
  }

  /** 3 x REJECT_AFTER_TIME without a new session: nothing of the old ones may remain. */
  private void zeroKeyMaterial(Peer peer) {
    peer.keypairs.clear();
    engine.freeHandshakeIndex(peer);
    peer.handshake.clear();
  }
}
