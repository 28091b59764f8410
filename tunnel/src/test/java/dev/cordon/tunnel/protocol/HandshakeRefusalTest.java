package dev.cordon.tunnel.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cordon.tunnel.protocol.message.InitiationMessage;
import dev.cordon.tunnel.protocol.message.ResponseMessage;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Forged, corrupted, misdirected and malformed handshake messages are refused without effect. */
class HandshakeRefusalTest {
  @Test
  void anInitiationWithAnyBitFlippedBeforeMac2IsRefusedAndTheResponderKeepsItsState() {
    Pair p = new Pair(null);
    byte[] genuine = p.initiation();
    assertNotNull(p.bobProtocol.consumeInitiation(genuine.clone(), 0, genuine.length, p::bobFinds));
    byte[] ck = p.aliceAtBob.chainingKey();
    byte[] hash = p.aliceAtBob.hash();

    for (int bit = 0; bit < InitiationMessage.MAC2_OFFSET * 8; bit++) {
      byte[] forged = genuine.clone();
      forged[bit / 8] ^= (byte) (1 << (bit % 8));
      assertNull(
          p.bobProtocol.consumeInitiation(forged, 0, forged.length, p::bobFinds), "bit " + bit);
      assertEquals(Handshake.State.INITIATION_CONSUMED, p.aliceAtBob.state(), "bit " + bit);
      assertArrayEquals(ck, p.aliceAtBob.chainingKey(), "bit " + bit);
      assertArrayEquals(hash, p.aliceAtBob.hash(), "bit " + bit);
      assertEquals(0x11111111, p.aliceAtBob.remoteIndex(), "bit " + bit);
    }
  }

  @Test
  void aResponseWithAnyBitFlippedBeforeMac2IsRefusedAndTheInitiatorCanStillFinish() {
    Pair p = new Pair(HandshakeTest.filled(32, 9));
    p.bobProtocol.consumeInitiation(p.initiation(), 0, 148, p::bobFinds);
    byte[] genuine = p.response();
    byte[] ck = p.bobAtAlice.chainingKey();
    byte[] hash = p.bobAtAlice.hash();

    for (int bit = 0; bit < ResponseMessage.MAC2_OFFSET * 8; bit++) {
      byte[] forged = genuine.clone();
      forged[bit / 8] ^= (byte) (1 << (bit % 8));
      assertFalse(
          p.aliceProtocol.consumeResponse(p.bobAtAlice, forged, 0, forged.length), "bit " + bit);
      assertEquals(Handshake.State.INITIATION_CREATED, p.bobAtAlice.state(), "bit " + bit);
      assertArrayEquals(ck, p.bobAtAlice.chainingKey(), "bit " + bit);
      assertArrayEquals(hash, p.bobAtAlice.hash(), "bit " + bit);
    }
    assertTrue(p.aliceProtocol.consumeResponse(p.bobAtAlice, genuine, 0, genuine.length));
  }

  @Test
  void aBadMac1IsRefusedBeforeAnyDiffieHellman() {
    Pair p = new Pair(null);
    byte[] initiation = p.initiation();
    initiation[InitiationMessage.MAC1_OFFSET] ^= 1;
    int before = p.dhCalls.get();
    assertNull(p.bobProtocol.consumeInitiation(initiation, 0, initiation.length, p::bobFinds));
    assertEquals(before, p.dhCalls.get(), "no DH for a bad mac1");

    initiation[InitiationMessage.MAC1_OFFSET] ^= 1;
    initiation[InitiationMessage.NOISE_OFFSET + 40] ^= 1; // inside the sealed static
    p.bobAtAlice.cookies().addMacs(initiation, 0, initiation.length); // a valid mac1 again
    assertNull(p.bobProtocol.consumeInitiation(initiation, 0, initiation.length, p::bobFinds));
    assertTrue(p.dhCalls.get() > before, "with a valid mac1 the responder does reach the DH");
  }

  @Test
  void aResponseWithABadMac1IsRefusedBeforeAnyDiffieHellman() {
    Pair p = new Pair(null);
    p.bobProtocol.consumeInitiation(p.initiation(), 0, 148, p::bobFinds);
    byte[] response = p.response();
    response[ResponseMessage.MAC1_OFFSET + 15] ^= (byte) 0x80;
    int before = p.dhCalls.get();
    assertFalse(p.aliceProtocol.consumeResponse(p.bobAtAlice, response, 0, response.length));
    assertEquals(before, p.dhCalls.get());
  }

  @Test
  void handshakeMessagesOfTheWrongLengthAreRefused() {
    Pair p = new Pair(null);
    byte[] initiation = p.initiation();
    for (int len : new int[] {0, 4, 147, 92}) {
      assertNull(p.bobProtocol.consumeInitiation(initiation, 0, len, p::bobFinds), "len " + len);
    }
    byte[] longer = Arrays.copyOf(initiation, 149);
    assertNull(p.bobProtocol.consumeInitiation(longer, 0, 149, p::bobFinds));
    assertNotNull(p.bobProtocol.consumeInitiation(longer, 0, 148, p::bobFinds));

    byte[] response = Arrays.copyOf(p.response(), 93);
    assertFalse(p.aliceProtocol.consumeResponse(p.bobAtAlice, response, 0, 93));
    assertFalse(p.aliceProtocol.consumeResponse(p.bobAtAlice, response, 0, 91));
    assertTrue(p.aliceProtocol.consumeResponse(p.bobAtAlice, response, 0, 92));
  }

  @Test
  void anInitiationFromAnUnknownKeyIsRefused() {
    Pair p = new Pair(null);
    byte[] initiation = p.initiation();
    assertNull(p.bobProtocol.consumeInitiation(initiation, 0, initiation.length, key -> null));
    assertEquals(Handshake.State.ZEROED, p.aliceAtBob.state());
  }

  @Test
  void anInitiationTheGateRefusesLeavesNoTrace() {
    Pair p = new Pair(null);
    byte[] initiation = p.initiation();
    byte[][] seen = new byte[1][];
    assertNull(
        p.bobProtocol.consumeInitiation(
            initiation,
            0,
            initiation.length,
            p::bobFinds,
            (peer, timestamp) -> {
              seen[0] = timestamp.clone();
              return false;
            }));
    assertArrayEquals(HandshakeTest.filled(12, 1), seen[0], "the gate saw the decrypted TAI64N");
    assertEquals(Handshake.State.ZEROED, p.aliceAtBob.state());
  }

  @Test
  void aResponseIsAcceptedOnceAndOnlyForTheInitiationInFlight() {
    Pair p = new Pair(null);
    p.bobProtocol.consumeInitiation(p.initiation(), 0, 148, p::bobFinds);
    byte[] response = p.response();
    assertTrue(p.aliceProtocol.consumeResponse(p.bobAtAlice, response, 0, response.length));
    assertFalse(p.aliceProtocol.consumeResponse(p.bobAtAlice, response, 0, response.length));

    Pair q = new Pair(null);
    q.bobProtocol.consumeInitiation(q.initiation(), 0, 148, q::bobFinds);
    byte[] stale = q.response();
    q.initiation(); // Alice retries: the first initiation's response no longer fits
    assertFalse(q.aliceProtocol.consumeResponse(q.bobAtAlice, stale, 0, stale.length));
  }

  @Test
  void aPeerWithALowOrderPublicKeyIsNeverHandshaken() {
    Pair p = new Pair(null);
    byte[] lowOrder = new byte[32]; // u = 0: the point of order 2
    Handshake peer = new Handshake(p.alice, lowOrder, null, p.clock);
    assertFalse(peer.isUsable());
    assertEquals(-1, p.aliceProtocol.createInitiation(peer, 1, new byte[148], 0));
    byte[] one = new byte[32];
    one[0] = 1;
    assertFalse(new Handshake(p.alice, one, null, p.clock).isUsable());
  }

  @Test
  void aResponseCannotBeCreatedWithoutAConsumedInitiation() {
    Pair p = new Pair(null);
    assertEquals(-1, p.bobProtocol.createResponse(p.aliceAtBob, 1, new byte[92], 0));
  }
}
