package dev.cordon.tunnel.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cordon.tunnel.crypto.Secrets;
import dev.cordon.tunnel.protocol.cookie.CookieChecker;
import dev.cordon.tunnel.protocol.cookie.CookieGenerator;
import dev.cordon.tunnel.protocol.message.CookieReplyMessage;
import dev.cordon.tunnel.protocol.message.InitiationMessage;
import dev.cordon.tunnel.protocol.message.MessageType;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The cookie path between a busy responder (Bob) and an initiator (Alice). */
class CookieTest {
  private static final byte[] ALICE_SOURCE = CookieChecker.source(new byte[] {10, 0, 0, 1}, 51820);
  private static final byte[] OTHER_SOURCE = CookieChecker.source(new byte[] {10, 0, 0, 2}, 51820);
  private static final long SECOND = 1_000_000_000L;

  @Test
  void withoutACookieMac2IsZeroAndDoesNotCheck() {
    Pair p = new Pair(null);
    byte[] initiation = p.initiation();
    assertTrue(Secrets.isZero(Arrays.copyOfRange(initiation, InitiationMessage.MAC2_OFFSET, 148)));
    CookieChecker bob = p.bobProtocol.cookieChecker();
    assertTrue(bob.checkMac1(initiation, 0, 148));
    assertFalse(bob.checkMac2(initiation, 0, 148, ALICE_SOURCE));
  }

  @Test
  void aCookieReplyLetsTheInitiatorProveItsSourceForTwoMinutes() {
    Pair p = new Pair(null);
    CookieChecker bob = p.bobProtocol.cookieChecker();
    byte[] initiation = p.initiation();
    byte[] reply = new byte[64];
    assertEquals(64, bob.createReply(initiation, 0, 148, 0x11111111, ALICE_SOURCE, reply, 0));
    assertEquals(Constants.TYPE_COOKIE_REPLY, MessageType.of(reply, 0, 64));
    CookieReplyMessage view = new CookieReplyMessage();
    assertTrue(view.wrap(reply, 0, 64));
    assertEquals(0x11111111, view.receiverIndex());

    assertTrue(p.bobAtAlice.cookies().consumeReply(reply, 0));
    byte[] retry = p.initiation();
    assertTrue(bob.checkMac1(retry, 0, 148));
    assertTrue(bob.checkMac2(retry, 0, 148, ALICE_SOURCE));
    assertFalse(bob.checkMac2(retry, 0, 148, OTHER_SOURCE), "a cookie is bound to its source");

    p.clock.now += 121 * SECOND;
    byte[] late = p.initiation();
    assertTrue(Secrets.isZero(Arrays.copyOfRange(late, InitiationMessage.MAC2_OFFSET, 148)));
    assertFalse(bob.checkMac2(retry, 0, 148, ALICE_SOURCE), "Bob's secret expired too");
  }

  @Test
  void aCookieReplyIsAcceptedOnlyForTheLastMessageWeSent() {
    Pair p = new Pair(null);
    CookieChecker bob = p.bobProtocol.cookieChecker();
    CookieGenerator neverSent = new CookieGenerator(p.bob.publicKey(), p.clock);
    byte[] first = p.initiation();
    byte[] reply = new byte[64];
    bob.createReply(first, 0, 148, 1, ALICE_SOURCE, reply, 0);
    assertFalse(neverSent.consumeReply(reply, 0), "we sent nothing");

    p.initiation(); // a newer message: the reply to the first no longer applies
    assertFalse(p.bobAtAlice.cookies().consumeReply(reply, 0));

    byte[] current = p.initiation();
    bob.createReply(current, 0, 148, 1, ALICE_SOURCE, reply, 0);
    reply[CookieReplyMessage.COOKIE_OFFSET + 2] ^= 4;
    assertFalse(p.bobAtAlice.cookies().consumeReply(reply, 0), "a tampered reply");
    reply[CookieReplyMessage.COOKIE_OFFSET + 2] ^= 4;
    assertTrue(p.bobAtAlice.cookies().consumeReply(reply, 0));
  }

  @Test
  void mac1IsKeyedByTheReceiversPublicKey() {
    Pair p = new Pair(null);
    byte[] initiation = p.initiation();
    assertTrue(p.bobProtocol.cookieChecker().checkMac1(initiation, 0, 148));
    assertFalse(p.aliceProtocol.cookieChecker().checkMac1(initiation, 0, 148));
  }
}
