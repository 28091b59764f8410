package dev.cordon.tunnel.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cordon.tunnel.protocol.Constants;
import dev.cordon.tunnel.protocol.Keypair;
import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class EngineSecurityTest {
  private static final InetSocketAddress ROAMED = new InetSocketAddress("198.51.100.7", 40000);

  @Test
  void theEndpointMovesOnlyWhenAPacketFromTheNewAddressAuthenticates() {
    Duo duo = new Duo();
    duo.handshake();
    duo.bobSends(Duo.fromBobToAlice(1));
    byte[] genuine = duo.bob.sent.poll().bytes();
    byte[] forged = genuine.clone();
    forged[forged.length - 1] ^= 1;
    duo.alice.engine.receive(forged, 0, forged.length, ROAMED, duo.clock.now, duo.alice);
    assertEquals(Duo.BOB_ADDR, duo.alice.peer.endpoint());
    assertEquals(1, duo.alice.drops(Drop.DECRYPT_FAILED));
    duo.alice.engine.receive(genuine, 0, genuine.length, ROAMED, duo.clock.now, duo.alice);
    assertEquals(ROAMED, duo.alice.peer.endpoint());
    assertTrue(duo.alice.events.contains("endpoint " + ROAMED));
  }

  @Test
  void aValidHandshakeFromANewAddressMovesTheEndpoint() {
    Duo duo = new Duo();
    duo.handshake();
    duo.advance(10 * Duo.SECOND);
    duo.alice.engine.sender.sendHandshakeInitiation(
        duo.alice.peer, false, duo.clock.now, duo.alice);
    byte[] initiation = duo.alice.sent.poll().bytes();
    duo.bob.engine.receive(initiation, 0, initiation.length, ROAMED, duo.clock.now, duo.bob);
    assertEquals(ROAMED, duo.bob.peer.endpoint());
  }

  @Test
  void aReplayedInitiationIsRefusedByTheTai64nGate() {
    Duo duo = new Duo();
    duo.aliceSends(Duo.fromAliceToBob(1));
    byte[] initiation = duo.alice.sent.peek().bytes();
    duo.deliverAll();
    Keypair current = duo.bob.peer.keypairs().current();
    duo.advance(Duo.SECOND);
    duo.bob.engine.receive(initiation, 0, initiation.length, ROAMED, duo.clock.now, duo.bob);
    assertEquals(1, duo.bob.drops(Drop.HANDSHAKE_REFUSED));
    assertTrue(duo.bob.sent.isEmpty(), "no response to a replay");
    assertSame(current, duo.bob.peer.keypairs().current());
    assertNull(duo.bob.peer.keypairs().next());
    assertEquals(Duo.ALICE_ADDR, duo.bob.peer.endpoint());
  }

  @Test
  void anInitiationFloodWithin20MillisecondsIsRefused() {
    Duo duo = new Duo();
    duo.alice.engine.sender.sendHandshakeInitiation(
        duo.alice.peer, false, duo.clock.now, duo.alice);
    duo.deliver(duo.alice, duo.bob);
    duo.bob.sent.clear();
    duo.advance(19_000_000L); // 19 ms: a newer timestamp (past the 16.8 ms whitening), too soon
    duo.alice.engine.sender.sendHandshakeInitiation(
        duo.alice.peer, true, duo.clock.now + 5 * Duo.SECOND, duo.alice);
    duo.deliver(duo.alice, duo.bob);
    assertTrue(duo.bob.sent.isEmpty());
    assertEquals(1, duo.bob.drops(Drop.HANDSHAKE_REFUSED));
  }

  @Test
  void underLoadAHandshakeWithoutMac2GetsACookieReplyAndTheMac2dRetryIsAnswered() {
    Duo duo = new Duo(new EngineOptions(1420, 4), 0);
    duo.bob.engine.handshakesPending(10, duo.clock.now);
    duo.aliceSends(Duo.fromAliceToBob(1));
    duo.deliver(duo.alice, duo.bob);
    assertEquals(1, duo.bob.drops(Drop.COOKIE_SENT));
    assertEquals(List.of(Constants.TYPE_COOKIE_REPLY), duo.bob.sentTypes());
    assertNull(duo.bob.peer.keypairs().next(), "no handshake state before the cookie");
    duo.deliver(duo.bob, duo.alice); // Alice stores the cookie
    duo.advance(5 * Duo.SECOND + 334_000_000L);
    duo.bob.engine.handshakesPending(10, duo.clock.now);
    duo.alice.engine.tick(duo.clock.now, duo.alice); // the retry carries mac2
    duo.deliverAll();
    assertEquals(1, duo.bob.delivered.size());
    assertEquals(1, duo.bob.drops(Drop.COOKIE_SENT));
  }

  @Test
  void underLoadTheModeLastsOneSecondAfterTheBacklogDrains() {
    UnderLoad load = new UnderLoad(4);
    load.observe(4, 0);
    load.observe(0, 500_000_000L);
    assertTrue(load.isUnderLoad(999_999_999L));
    assertFalse(load.isUnderLoad(1_000_000_000L));
  }

  @Test
  void removingAPeerMakesItsNextPacketFailAtOnceAndFreesEverything() {
    Duo duo = new Duo();
    duo.handshake();
    duo.aliceSends(Duo.fromAliceToBob(1));
    byte[] inFlight = duo.alice.sent.poll().bytes();
    Keypair keypair = duo.bob.peer.keypairs().current();
    int before = duo.bob.delivered.size();
    assertTrue(duo.bob.engine.removePeer(duo.aliceKey.publicKey()));
    duo.bob.engine.receive(inFlight, 0, inFlight.length, Duo.ALICE_ADDR, duo.clock.now, duo.bob);
    assertEquals(before, duo.bob.delivered.size());
    assertEquals(1, duo.bob.drops(Drop.UNKNOWN_INDEX));
    assertTrue(keypair.isDestroyed());
    assertEquals(0, duo.bob.engine.indexTable.size());
    assertNull(duo.bob.engine.route(Duo.fromBobToAlice(0), 0, 20));
    assertNull(duo.bob.engine.peer(duo.aliceKey.publicKey()));
  }

  @Test
  void aRemovedPeersHandshakeGetsNoAnswer() {
    Duo duo = new Duo();
    duo.bob.engine.removePeer(duo.aliceKey.publicKey());
    duo.aliceSends(Duo.fromAliceToBob(1));
    duo.deliver(duo.alice, duo.bob);
    assertTrue(duo.bob.sent.isEmpty());
    assertEquals(1, duo.bob.drops(Drop.HANDSHAKE_REFUSED));
  }
}
