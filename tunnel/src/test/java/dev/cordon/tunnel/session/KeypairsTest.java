package dev.cordon.tunnel.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cordon.tunnel.protocol.Keypair;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeypairsTest {
  private final List<Keypair> retired = new ArrayList<>();
  private final Keypairs keypairs = new Keypairs(retired::add);

  private static Keypair keypair(int index, boolean initiator) {
    return new Keypair(new byte[32], new byte[32], index, index + 100, initiator, 0);
  }

  @Test
  void theResponderKeypairBecomesCurrentOnlyWhenAPacketArrivesUnderIt() {
    Keypair old = keypair(1, true);
    keypairs.installAsInitiator(old);
    Keypair fresh = keypair(2, false);
    keypairs.installAsResponder(fresh);
    assertSame(old, keypairs.current());
    assertFalse(keypairs.receivedWith(old), "a packet under current confirms nothing");
    assertTrue(keypairs.receivedWith(fresh));
    assertSame(fresh, keypairs.current());
    assertSame(old, keypairs.previous());
    assertNull(keypairs.next());
  }

  @Test
  void theInitiatorKeypairIsCurrentAtOnceAndTheOldestIsRetired() {
    Keypair a = keypair(1, true);
    Keypair b = keypair(2, true);
    Keypair c = keypair(3, true);
    keypairs.installAsInitiator(a);
    keypairs.installAsInitiator(b);
    keypairs.installAsInitiator(c);
    assertSame(c, keypairs.current());
    assertSame(b, keypairs.previous());
    assertEquals(List.of(a), retired);
  }

  @Test
  void anUnconfirmedNextBecomesPreviousWhenWeInitiateANewerSession() {
    Keypair current = keypair(1, true);
    Keypair next = keypair(2, false);
    Keypair mine = keypair(3, true);
    keypairs.installAsInitiator(current);
    keypairs.installAsResponder(next);
    keypairs.installAsInitiator(mine);
    assertSame(mine, keypairs.current());
    assertSame(next, keypairs.previous());
    assertEquals(List.of(current), retired);
  }

  @Test
  void clearRetiresAllThree() {
    keypairs.installAsInitiator(keypair(1, true));
    keypairs.installAsInitiator(keypair(2, true));
    keypairs.installAsResponder(keypair(3, false));
    retired.clear();
    keypairs.clear();
    assertEquals(2, retired.size(), "previous was already dropped by the responder install");
    assertNull(keypairs.current());
  }
}
