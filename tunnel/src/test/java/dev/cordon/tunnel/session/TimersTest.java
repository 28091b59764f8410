package dev.cordon.tunnel.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;

class TimersTest {
  private static final long S = 1_000_000_000L;
  private final Timers timers = new Timers(() -> 333_000_000L);

  @Test
  void dataReceivedArmsAKeepaliveThatAnySentPacketCancels() {
    timers.dataReceived(0);
    assertEquals(10 * S, timers.deadline(Timer.SEND_KEEPALIVE));
    timers.anyAuthenticatedPacketSent(S);
    assertFalse(timers.isPending(Timer.SEND_KEEPALIVE));
  }

  @Test
  void dataSentArmsANewHandshakeThatAnyReceivedPacketCancels() {
    timers.dataSent(0);
    assertEquals(15 * S + 333_000_000L, timers.deadline(Timer.NEW_HANDSHAKE));
    timers.dataSent(S);
    assertEquals(15 * S + 333_000_000L, timers.deadline(Timer.NEW_HANDSHAKE), "not pushed back");
    timers.anyAuthenticatedPacketReceived(2 * S);
    assertFalse(timers.isPending(Timer.NEW_HANDSHAKE));
  }

  @Test
  void expireReturnsOnlyDueTimersAndDisarmsThem() {
    timers.handshakeInitiated(0);
    timers.sessionDerived(0);
    assertEquals(Set.of(), timers.expire(5 * S));
    assertEquals(Set.of(Timer.RETRANSMIT_HANDSHAKE), timers.expire(5 * S + 333_000_000L));
    assertFalse(timers.isPending(Timer.RETRANSMIT_HANDSHAKE));
    assertEquals(540 * S, timers.nextDeadline());
  }

  @Test
  void handshakeCompleteStopsRetriesAndResetsTheAttemptCount() {
    timers.handshakeInitiated(0);
    timers.handshakeAttempts = 7;
    timers.handshakeComplete(S);
    assertFalse(timers.isPending(Timer.RETRANSMIT_HANDSHAKE));
    assertEquals(0, timers.handshakeAttempts);
  }

  @Test
  void persistentKeepaliveIsArmedByEveryAuthenticatedPacketWhenConfigured() {
    timers.anyAuthenticatedPacketTraversal(0);
    assertFalse(timers.isPending(Timer.PERSISTENT_KEEPALIVE));
    timers.setPersistentKeepalive(25, 0);
    timers.anyAuthenticatedPacketTraversal(S);
    assertEquals(26 * S, timers.deadline(Timer.PERSISTENT_KEEPALIVE));
    assertTrue(timers.expire(26 * S).contains(Timer.PERSISTENT_KEEPALIVE));
  }
}
