package dev.cordon.tunnel.session;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.cordon.tunnel.protocol.Constants;
import org.junit.jupiter.api.Test;

class StagedDropsTest {
  @Test
  void aPacketPushedOutOfTheFullStagingQueueIsCountedAsStagedOverflow() {
    Duo duo = new Duo();
    for (int i = 0; i < Peer.MAX_STAGED_PACKETS + 3; i++) {
      duo.aliceSends(Duo.fromAliceToBob(10));
    }
    assertEquals(Peer.MAX_STAGED_PACKETS, duo.alice.peer.stagedCount());
    assertEquals(3, duo.alice.drops(Drop.STAGED_OVERFLOW), "one per packet that fell out");
  }

  @Test
  void stagedPacketsThrownAwayWhenTheHandshakeIsGivenUpAreCounted() {
    Duo duo = new Duo();
    duo.aliceSends(Duo.fromAliceToBob(10));
    duo.aliceSends(Duo.fromAliceToBob(20));
    duo.alice.sent.clear(); // Bob never answers
    long step = Constants.REKEY_TIMEOUT.toNanos() + Constants.REKEY_TIMEOUT_JITTER_MAX.toNanos();
    for (int i = 0; i <= Timers.MAX_TIMER_HANDSHAKES + 1; i++) {
      duo.advance(step);
      duo.alice.engine.tick(duo.clock.now, duo.alice);
      duo.alice.sent.clear();
    }
    assertEquals(0, duo.alice.peer.stagedCount());
    assertEquals(2, duo.alice.drops(Drop.HANDSHAKE_GAVE_UP));
    assertEquals(0, duo.alice.drops(Drop.STAGED_OVERFLOW));
  }
}
