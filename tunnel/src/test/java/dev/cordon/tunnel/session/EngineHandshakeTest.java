package dev.cordon.tunnel.session;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cordon.tunnel.protocol.Constants;
import dev.cordon.tunnel.protocol.Keypair;
import java.util.List;
import org.junit.jupiter.api.Test;

class EngineHandshakeTest {
  @Test
  void aPacketWithoutASessionIsStagedAndStartsAHandshake() {
    Duo duo = new Duo();
    duo.aliceSends(Duo.fromAliceToBob(10));
    assertEquals(List.of(Constants.TYPE_INITIATION), duo.alice.sentTypes());
    assertEquals(1, duo.alice.peer.stagedCount());
  }

  @Test
  void theStagedPacketArrivesAfterTheHandshakeAndBothSidesComplete() {
    Duo duo = new Duo();
    byte[] packet = Duo.fromAliceToBob(10);
    duo.aliceSends(packet);
    duo.deliverAll();
    assertEquals(1, duo.bob.delivered.size());
    assertArrayEquals(packet, duo.bob.delivered.getFirst());
    assertEquals(List.of("handshake initiator"), duo.alice.events);
    assertTrue(duo.bob.events.contains("handshake responder"));
    assertEquals(0, duo.alice.peer.stagedCount());
  }

  @Test
  void theResponderKeepsTheNewKeypairAsNextUntilTheFirstTransportMessage() {
    Duo duo = new Duo();
    duo.aliceSends(Duo.fromAliceToBob(10));
    duo.deliver(duo.alice, duo.bob); // initiation in, response out
    Keypair next = duo.bob.peer.keypairs().next();
    assertNotNull(next);
    assertNull(
        duo.bob.peer.keypairs().current(), "the responder must not send before confirmation");
    duo.deliver(duo.bob, duo.alice); // response in, staged packet out
    assertNotNull(duo.alice.peer.keypairs().current(), "the initiator uses its keypair at once");
    duo.deliver(duo.alice, duo.bob); // first transport message confirms
    assertSame(next, duo.bob.peer.keypairs().current());
    assertNull(duo.bob.peer.keypairs().next());
  }

  @Test
  void theInitiatorConfirmsWithAKeepaliveWhenItHasNothingToSend() {
    Duo duo = new Duo();
    duo.alice.engine.sender.sendHandshakeInitiation(
        duo.alice.peer, false, duo.clock.now, duo.alice);
    duo.deliver(duo.alice, duo.bob);
    duo.deliver(duo.bob, duo.alice);
    assertEquals(List.of(Constants.TYPE_TRANSPORT), duo.alice.sentTypes());
    duo.deliver(duo.alice, duo.bob);
    assertEquals(
        List.of("endpoint " + Duo.ALICE_ADDR, "handshake responder", "keepalive"), duo.bob.events);
    assertNotNull(duo.bob.peer.keypairs().current());
  }

  @Test
  void packetsFlowBothWaysAfterTheHandshake() {
    Duo duo = new Duo();
    duo.handshake();
    byte[] reply = Duo.fromBobToAlice(100);
    duo.bobSends(reply);
    assertEquals(List.of(Constants.TYPE_TRANSPORT), duo.bob.sentTypes());
    duo.deliverAll();
    assertArrayEquals(reply, duo.alice.delivered.getFirst());
    assertEquals(1, duo.alice.peer.stats().rxPackets());
  }

  @Test
  void aPacketWhoseSourceIsNotInTheSendersAllowedIpsIsDropped() {
    Duo duo = new Duo();
    duo.handshake();
    int before = duo.bob.delivered.size();
    duo.aliceSends(Packets.ipv4("100.64.0.9", "100.64.0.2", 10));
    duo.deliverAll();
    assertEquals(before, duo.bob.delivered.size());
    assertEquals(1, duo.bob.drops(Drop.SOURCE_NOT_ALLOWED));
  }

  @Test
  void outgoingPacketsAreRoutedByLongestPrefixAndUnknownDestinationsHaveNoPeer() {
    Duo duo = new Duo();
    assertSame(duo.alice.peer, duo.alice.engine.route(Duo.fromAliceToBob(0), 0, 20));
    byte[] elsewhere = Packets.ipv4("100.64.0.1", "100.64.0.3", 0);
    assertNull(duo.alice.engine.route(elsewhere, 0, elsewhere.length));
  }
}
