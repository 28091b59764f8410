package dev.cordon.tunnel.fuzz;

import static dev.cordon.tunnel.protocol.Constants.COOKIE_REPLY_LENGTH;
import static dev.cordon.tunnel.protocol.Constants.INITIATION_LENGTH;
import static dev.cordon.tunnel.protocol.Constants.RESPONSE_LENGTH;
import static dev.cordon.tunnel.protocol.Constants.TYPE_COOKIE_REPLY;
import static dev.cordon.tunnel.protocol.Constants.TYPE_INITIATION;
import static dev.cordon.tunnel.protocol.Constants.TYPE_RESPONSE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.cordon.tunnel.protocol.Handshake;
import dev.cordon.tunnel.protocol.message.InitiationMessage;
import dev.cordon.tunnel.protocol.message.LittleEndian;
import dev.cordon.tunnel.protocol.message.MessageType;
import dev.cordon.tunnel.protocol.message.ResponseMessage;
import java.util.Arrays;

/**
 * The handshake consumers fed arbitrary messages and mutations of genuine ones. Mac1 is only a
 * checksum anyone who knows the public key can compute, so the targets can re-mac their inputs to
 * reach the Noise code behind it; what the fuzzer cannot do is forge the AEADs. A message is
 * accepted exactly when every byte the protocol authenticates is genuine, and a refusal changes
 * nothing (handshake state, keys, indices, cookie).
 */
class HandshakeFuzzTest {
  private static Handshakes fixture = new Handshakes();

  /** Rebuilds the fixture after a target let a genuine message change its state. */
  private static void consumed() {
    fixture = new Handshakes();
  }

  /** Bytes 4..116 (sender index, ephemeral, encrypted static and timestamp) from the input. */
  @FuzzTest(maxDuration = "60s")
  void initiationWithValidMac1IsAcceptedOnlyWhenGenuine(byte[] input) {
    Handshakes f = fixture;
    byte[] msg = new byte[INITIATION_LENGTH];
    MessageType.writeHeader(msg, 0, TYPE_INITIATION);
    byte[] body = new Script(input).bytes(InitiationMessage.MAC1_OFFSET - 4);
    System.arraycopy(body, 0, msg, 4, body.length);
    f.macsToBob.addMacs(msg, 0, msg.length);
    consumeInitiation(
        f, msg, Script.sameRegion(msg, f.initiation, 8, InitiationMessage.MAC1_OFFSET));
  }

  /** First byte: bit 0 re-macs after mutating; the rest is a mutation script. */
  @FuzzTest(maxDuration = "60s")
  void mutatedInitiationIsAcceptedOnlyWithEveryAuthenticatedByteIntact(byte[] input) {
    Handshakes f = fixture;
    Script s = new Script(input);
    boolean remac = (s.u8() & 1) == 1;
    byte[] msg = Script.mutate(f.initiation, s.rest());
    if (remac && msg.length >= 32) {
      f.macsToBob.addMacs(msg, 0, msg.length);
    }
    boolean genuine =
        Script.sameRegion(msg, f.initiation, 0, 4)
            && Script.sameRegion(msg, f.initiation, 8, InitiationMessage.MAC1_OFFSET)
            && (remac || Script.sameRegion(msg, f.initiation, 4, InitiationMessage.MAC2_OFFSET));
    consumeInitiation(f, msg, genuine);
  }

  /** Bytes 4..60 (sender, ephemeral, empty payload's tag) from the input; receiver is Alice's. */
  @FuzzTest(maxDuration = "60s")
  void responseWithValidMac1IsAcceptedOnlyWhenGenuine(byte[] input) {
    Handshakes f = fixture;
    byte[] msg = new byte[RESPONSE_LENGTH];
    MessageType.writeHeader(msg, 0, TYPE_RESPONSE);
    byte[] body = new Script(input).bytes(ResponseMessage.MAC1_OFFSET - 4);
    System.arraycopy(body, 0, msg, 4, body.length);
    LittleEndian.putInt(msg, ResponseMessage.RECEIVER_OFFSET, Handshakes.ALICE_INDEX);
    f.macsToAlice.addMacs(msg, 0, msg.length);
    consumeResponse(
        f,
        msg,
        Script.sameRegion(
            msg, f.response, ResponseMessage.NOISE_OFFSET, ResponseMessage.MAC1_OFFSET));
  }

  /** First byte: bit 0 re-macs after mutating; the rest is a mutation script. */
  @FuzzTest(maxDuration = "60s")
  void mutatedResponseIsAcceptedOnlyWithEveryAuthenticatedByteIntact(byte[] input) {
    Handshakes f = fixture;
    Script s = new Script(input);
    boolean remac = (s.u8() & 1) == 1;
    byte[] msg = Script.mutate(f.response, s.rest());
    if (remac && msg.length >= 32) {
      f.macsToAlice.addMacs(msg, 0, msg.length);
    }
    boolean genuine =
        Script.sameRegion(msg, f.response, 0, 4)
            && Script.sameRegion(
                msg, f.response, ResponseMessage.RECEIVER_OFFSET, ResponseMessage.MAC1_OFFSET)
            && (remac || Script.sameRegion(msg, f.response, 4, ResponseMessage.MAC2_OFFSET));
    consumeResponse(f, msg, genuine);
  }

  /**
   * First byte: bit 0 mutates the genuine reply with the rest as a script, else the rest is the
   * reply. Only 64-byte type 3 messages get this far in the engine, so only those are fed.
   */
  @FuzzTest(maxDuration = "60s")
  void cookieReplyIsAcceptedOnlyWhenItsSealedCookieIsGenuine(byte[] input) {
    Handshakes f = fixture;
    Script s = new Script(input);
    byte[] reply =
        (s.u8() & 1) == 1
            ? Script.mutate(f.cookieReply, s.rest())
            : Arrays.copyOf(s.rest(), COOKIE_REPLY_LENGTH);
    if (MessageType.of(reply, 0, reply.length) != TYPE_COOKIE_REPLY) {
      return;
    }
    byte[] before = macsOfInitiation(f);
    boolean accepted = f.bobAtAlice.cookies().consumeReply(reply, 0);
    // The receiver index only routes the reply; the nonce and sealed cookie are authenticated.
    assertEquals(Script.sameRegion(reply, f.cookieReply, 8, COOKIE_REPLY_LENGTH), accepted);
    if (accepted) {
      consumed();
    } else {
      assertArrayEquals(before, macsOfInitiation(f), "a refused cookie reply changed the cookie");
    }
  }

  private static void consumeInitiation(Handshakes f, byte[] msg, boolean genuine) {
    String before = Handshakes.state(f.aliceAtBob);
    Handshake peer = f.bobProtocol.consumeInitiation(msg, 0, msg.length, f::bobFinds);
    assertEquals(genuine, peer != null, "accepted");
    if (peer != null) {
      assertEquals(Handshake.State.INITIATION_CONSUMED, peer.state());
      consumed();
    } else {
      assertEquals(before, Handshakes.state(f.aliceAtBob), "a refused initiation changed state");
    }
  }

  private static void consumeResponse(Handshakes f, byte[] msg, boolean genuine) {
    String before = Handshakes.state(f.bobAtAlice);
    boolean accepted = f.aliceProtocol.consumeResponse(f.bobAtAlice, msg, 0, msg.length);
    assertEquals(genuine, accepted, "accepted");
    if (accepted) {
      assertEquals(Handshake.State.RESPONSE_CONSUMED, f.bobAtAlice.state());
      assertEquals(
          LittleEndian.getInt(msg, ResponseMessage.SENDER_OFFSET), f.bobAtAlice.remoteIndex());
      consumed();
    } else {
      assertEquals(before, Handshakes.state(f.bobAtAlice), "a refused response changed state");
    }
  }

  /** Mac1 and mac2 Alice would put on her initiation now: mac2 shows whether she holds a cookie. */
  private static byte[] macsOfInitiation(Handshakes f) {
    byte[] probe = f.initiation.clone();
    f.bobAtAlice.cookies().addMacs(probe, 0, probe.length);
    return Arrays.copyOfRange(probe, InitiationMessage.MAC1_OFFSET, INITIATION_LENGTH);
  }
}
