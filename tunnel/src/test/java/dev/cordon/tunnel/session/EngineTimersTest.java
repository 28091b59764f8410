package dev.cordon.tunnel.session;

import static dev.cordon.tunnel.session.Duo.SECOND;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cordon.tunnel.protocol.Constants;
import dev.cordon.tunnel.protocol.Keypair;
import java.util.List;
import org.junit.jupiter.api.Test;

class EngineTimersTest {
  @Test
  void theInitiatorRekeysOnSendOnceItsKeypairIsOlderThan120Seconds() {
    Duo duo = new Duo();
    duo.handshake();
    duo.advance(119 * SECOND);
    duo.aliceSends(Duo.fromAliceToBob(1));
    assertEquals(List.of(Constants.TYPE_TRANSPORT), duo.alice.sentTypes());
    duo.deliverAll();
    duo.advance(2 * SECOND);
    duo.aliceSends(Duo.fromAliceToBob(1));
    assertEquals(
        List.of(Constants.TYPE_TRANSPORT, Constants.TYPE_INITIATION), duo.alice.sentTypes());
  }

  @Test
  void theResponderDoesNotRekeyOnSendAfter120Seconds() {
    Duo duo = new Duo();
    duo.handshake();
    duo.advance(121 * SECOND);
    duo.bobSends(Duo.fromBobToAlice(1));
    assertEquals(List.of(Constants.TYPE_TRANSPORT), duo.bob.sentTypes());
  }

  @Test
  void aRekeyUnderTheFakeClockReplacesTheKeypairAndTrafficContinues() {
    Duo duo = new Duo();
    duo.handshake();
    Keypair first = duo.alice.peer.keypairs().current();
    duo.advance(121 * SECOND);
    duo.aliceSends(Duo.fromAliceToBob(1));
    duo.deliverAll();
    Keypair second = duo.alice.peer.keypairs().current();
    assertNotSame(first, second);
    assertEquals(second.localIndex(), duo.bob.peer.keypairs().current().remoteIndex());
    duo.bobSends(Duo.fromBobToAlice(5));
    duo.deliverAll();
    assertEquals(1, duo.alice.delivered.size());
  }

  @Test
  void aKeepaliveGoesOutAfter10SecondsOfReceivingWithoutSending() {
    Duo duo = new Duo();
    duo.handshake();
    duo.bob.sent.clear();
    duo.advance(9 * SECOND);
    duo.tick();
    assertTrue(duo.bob.sent.isEmpty());
    duo.advance(SECOND);
    duo.tick();
    assertEquals(List.of(Constants.TYPE_TRANSPORT), duo.bob.sentTypes());
    duo.deliverAll();
    assertTrue(duo.alice.events.contains("keepalive"));
  }

  @Test
  void anUnansweredInitiationIsRetriedAfter5SecondsPlusAtMost333Milliseconds() {
    Duo duo = new Duo();
    duo.aliceSends(Duo.fromAliceToBob(1));
    duo.alice.sent.clear();
    long deadline = duo.alice.peer.timers().deadline(Timer.RETRANSMIT_HANDSHAKE);
    long wait = deadline - duo.clock.now;
    assertTrue(wait >= 5 * SECOND && wait <= 5 * SECOND + 333_000_000L, "waited " + wait);
    duo.advance(wait - 1);
    duo.tick();
    assertTrue(duo.alice.sent.isEmpty());
    duo.advance(1);
    duo.tick();
    assertEquals(List.of(Constants.TYPE_INITIATION), duo.alice.sentTypes());
  }

  @Test
  void theInitiatorGivesUpAfter90SecondsOfRetriesAndDropsWhatWasStaged() {
    Duo duo = new Duo();
    duo.aliceSends(Duo.fromAliceToBob(1));
    int initiations = 1;
    long start = duo.clock.now;
    long lastInitiation = start;
    for (int step = 0; step < 1200; step++) { // 120 s in 100 ms steps; Bob never answers
      duo.advance(SECOND / 10);
      duo.alice.sent.clear();
      duo.tick();
      if (!duo.alice.sent.isEmpty()) {
        initiations++;
        lastInitiation = duo.clock.now;
      }
    }
    assertEquals(1 + Timers.MAX_TIMER_HANDSHAKES, initiations);
    long tried = lastInitiation - start;
    assertTrue(tried >= 90 * SECOND && tried <= 97 * SECOND, "tried for " + tried);
    assertEquals(0, duo.alice.peer.stagedCount());
  }

  @Test
  void keypairsOlderThan180SecondsNeitherSendNorReceive() {
    Duo duo = new Duo();
    duo.handshake();
    duo.bobSends(Duo.fromBobToAlice(1));
    var stale = duo.bob.sent.poll();
    duo.advance(180 * SECOND);
    duo.alice.engine.receive(
        stale.bytes(), 0, stale.bytes().length, Duo.BOB_ADDR, duo.clock.now, duo.alice);
    assertEquals(1, duo.alice.drops(Drop.STALE_KEYPAIR));
    duo.bobSends(Duo.fromBobToAlice(1));
    assertEquals(List.of(Constants.TYPE_INITIATION), duo.bob.sentTypes());
  }

  @Test
  void keysAreZeroedAfter540SecondsWithoutANewSession() {
    Duo duo = new Duo();
    duo.handshake();
    Keypair keypair = duo.alice.peer.keypairs().current();
    duo.advance(539 * SECOND);
    duo.alice.engine.tick(duo.clock.now, duo.alice);
    assertNotNull(duo.alice.peer.keypairs().current());
    duo.advance(SECOND);
    duo.alice.engine.tick(duo.clock.now, duo.alice);
    assertNull(duo.alice.peer.keypairs().current());
    assertTrue(keypair.isDestroyed());
    assertNull(duo.alice.engine.indexTable.lookup(keypair.localIndex()));
  }

  @Test
  void theInitiatorRekeysOnReceiveOnceItsKeypairIsOlderThan165Seconds() {
    Duo duo = new Duo();
    duo.handshake();
    duo.advance(166 * SECOND);
    duo.bobSends(Duo.fromBobToAlice(1));
    duo.deliver(duo.bob, duo.alice);
    assertEquals(List.of(Constants.TYPE_INITIATION), duo.alice.sentTypes());
  }

  @Test
  void sentDataWithoutAnAnswerStartsAHandshakeAfter15Seconds() {
    Duo duo = new Duo();
    duo.handshake();
    duo.aliceSends(Duo.fromAliceToBob(1));
    duo.alice.sent.clear();
    duo.advance(15 * SECOND + 334_000_000L);
    duo.alice.engine.tick(duo.clock.now, duo.alice);
    assertEquals(List.of(Constants.TYPE_INITIATION), duo.alice.sentTypes());
  }

  @Test
  void aPersistentKeepaliveGoesOutEveryIntervalWithoutOtherTraffic() {
    Duo duo = new Duo(EngineOptions.DEFAULT, 25);
    assertEquals(List.of(Constants.TYPE_INITIATION), duo.alice.sentTypes(), "starts at once");
    duo.deliverAll();
    duo.advance(25 * SECOND);
    duo.alice.engine.tick(duo.clock.now, duo.alice);
    assertEquals(List.of(Constants.TYPE_TRANSPORT), duo.alice.sentTypes());
  }
}
