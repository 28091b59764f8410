package dev.cordon.tunnel.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cordon.tunnel.crypto.Secrets;
import dev.cordon.tunnel.protocol.message.MessageType;
import dev.cordon.tunnel.protocol.message.TransportMessage;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HandshakeTest {
  @ParameterizedTest(name = "with a preshared key: {0}")
  @ValueSource(booleans = {false, true})
  void bothSidesAgreeOnChainingKeyAndHashAfterEveryMessageAndTheirKeysCrossMatch(boolean psk) {
    byte[] key = psk ? filled(32, 0x42) : null;
    Pair p = new Pair(key);

    byte[] initiation = p.initiation();
    assertEquals(Constants.TYPE_INITIATION, MessageType.of(initiation, 0, initiation.length));
    assertEquals(Handshake.State.INITIATION_CREATED, p.bobAtAlice.state());
    assertSame(
        p.aliceAtBob,
        p.bobProtocol.consumeInitiation(initiation, 0, initiation.length, p::bobFinds));
    assertEquals(Handshake.State.INITIATION_CONSUMED, p.aliceAtBob.state());
    assertArrayEquals(p.bobAtAlice.chainingKey(), p.aliceAtBob.chainingKey());
    assertArrayEquals(p.bobAtAlice.hash(), p.aliceAtBob.hash());
    assertEquals(0x11111111, p.aliceAtBob.remoteIndex());
    byte[] hashAfterInitiation = p.aliceAtBob.hash();

    byte[] response = p.response();
    assertTrue(p.aliceProtocol.consumeResponse(p.bobAtAlice, response, 0, response.length));
    assertEquals(Handshake.State.RESPONSE_CONSUMED, p.bobAtAlice.state());
    assertArrayEquals(p.bobAtAlice.chainingKey(), p.aliceAtBob.chainingKey());
    assertArrayEquals(p.bobAtAlice.hash(), p.aliceAtBob.hash());
    assertFalse(Arrays.equals(hashAfterInitiation, p.aliceAtBob.hash()));
    assertEquals(0x22222222, p.bobAtAlice.remoteIndex());

    Keypair alice = p.aliceProtocol.beginSession(p.bobAtAlice);
    Keypair bob = p.bobProtocol.beginSession(p.aliceAtBob);
    assertTrue(alice.isInitiator());
    assertFalse(bob.isInitiator());
    assertEquals(alice.localIndex(), bob.remoteIndex());
    assertEquals(bob.localIndex(), alice.remoteIndex());
    assertEquals(Handshake.State.ZEROED, p.bobAtAlice.state());
    assertTrue(Secrets.isZero(p.bobAtAlice.chainingKey()), "handshake zeroed after use");

    assertRoundTrip(alice, bob, "ping");
    assertRoundTrip(bob, alice, "pong");
    assertRoundTrip(alice, bob, "");
  }

  @Test
  void aPresharedKeyOnOneSideOnlyFailsTheResponseAndLeavesTheInitiatorWaiting() {
    Pair p = new Pair(null);
    Handshake bobAtAliceWithPsk = new Handshake(p.alice, p.bob.publicKey(), filled(32, 1), p.clock);
    byte[] initiation = new byte[Constants.INITIATION_LENGTH];
    p.aliceProtocol.createInitiation(bobAtAliceWithPsk, 5, initiation, 0);
    assertNotNull(p.bobProtocol.consumeInitiation(initiation, 0, initiation.length, p::bobFinds));
    byte[] response = p.response();
    assertFalse(p.aliceProtocol.consumeResponse(bobAtAliceWithPsk, response, 0, response.length));
    assertEquals(Handshake.State.INITIATION_CREATED, bobAtAliceWithPsk.state());
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"tampered ciphertext", "wrong counter"})
  void aTransportMessageThatWasTamperedWithDoesNotOpen(String how) {
    Pair p = new Pair(null);
    p.bobProtocol.consumeInitiation(p.initiation(), 0, Constants.INITIATION_LENGTH, p::bobFinds);
    byte[] response = p.response();
    p.aliceProtocol.consumeResponse(p.bobAtAlice, response, 0, response.length);
    Keypair alice = p.aliceProtocol.beginSession(p.bobAtAlice);
    Keypair bob = p.bobProtocol.beginSession(p.aliceAtBob);
    byte[] packet = new byte[64];
    int len = alice.sealTransport(new byte[16], 0, 16, packet, 0);
    if (how.equals("tampered ciphertext")) {
      packet[TransportMessage.DATA_OFFSET + 3] ^= 1;
    } else {
      packet[TransportMessage.COUNTER_OFFSET] ^= 1;
    }
    TransportMessage view = new TransportMessage();
    assertTrue(view.wrap(packet, 0, len));
    assertFalse(bob.openTransport(view, new byte[16], 0));
  }

  private static void assertRoundTrip(Keypair from, Keypair to, String text) {
    byte[] plain = text.getBytes(StandardCharsets.UTF_8);
    int padded = TransportMessage.paddedLength(plain.length, 1420);
    byte[] buf = new byte[TransportMessage.DATA_OFFSET + padded + 16];
    System.arraycopy(plain, 0, buf, TransportMessage.DATA_OFFSET, plain.length);
    int len = from.sealTransport(buf, TransportMessage.DATA_OFFSET, padded, buf, 0);
    assertEquals(buf.length, len);
    TransportMessage view = new TransportMessage();
    assertTrue(view.wrap(buf, 0, len));
    assertEquals(to.localIndex(), view.receiverIndex());
    byte[] out = new byte[view.dataLength() - 16];
    assertTrue(to.openTransport(view, out, 0));
    assertEquals(text, new String(out, 0, plain.length, StandardCharsets.UTF_8));
    assertTrue(Secrets.isZero(Arrays.copyOfRange(out, plain.length, out.length)), "zero padding");
  }

  static byte[] filled(int n, int value) {
    byte[] b = new byte[n];
    Arrays.fill(b, (byte) value);
    return b;
  }

  @Test
  void beginSessionWithoutACompletedHandshakeGivesNothing() {
    Pair p = new Pair(null);
    assertNull(p.aliceProtocol.beginSession(p.bobAtAlice));
    p.initiation();
    assertNull(p.aliceProtocol.beginSession(p.bobAtAlice));
  }
}
