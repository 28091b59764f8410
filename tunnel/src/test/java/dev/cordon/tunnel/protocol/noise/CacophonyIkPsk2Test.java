package dev.cordon.tunnel.protocol.noise;

import static dev.cordon.tunnel.protocol.vectors.Vectors.hex;
import static dev.cordon.tunnel.protocol.vectors.Vectors.list;
import static dev.cordon.tunnel.protocol.vectors.Vectors.toHex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cordon.tunnel.crypto.ChaChaPoly;
import dev.cordon.tunnel.crypto.Curve25519;
import dev.cordon.tunnel.protocol.vectors.Vectors;
import java.util.List;
import java.util.Map;
import javax.crypto.SecretKey;
import org.junit.jupiter.api.Test;

/**
 * The cacophony Noise_IKpsk2_25519_ChaChaPoly_BLAKE2s vector drives the very IkPsk2 code WireGuard
 * runs, with the vector's prologue where WireGuard puts its IDENTIFIER and the vector's payloads
 * where WireGuard puts a timestamp and nothing.
 */
class CacophonyIkPsk2Test {
  private static final Map<String, Object> V =
      list(Vectors.load("noise-ikpsk2-cacophony.json").get("vectors")).getFirst();

  @Test
  void bothPartiesReproduceTheVectorsHandshakeAndTransportMessagesByteForByte() {
    byte[] prologue = hex(V, "init_prologue");
    byte[] psk = (byte[]) hexList("init_psks").getFirst();
    byte[] initStatic = hex(V, "init_static");
    byte[] initEphemeral = hex(V, "init_ephemeral");
    byte[] respStatic = hex(V, "resp_static");
    byte[] respEphemeral = hex(V, "resp_ephemeral");
    byte[] respStaticPublic = Curve25519.publicKey(respStatic);
    assertArrayEquals(hex(V, "init_remote_static"), respStaticPublic);
    List<Map<String, Object>> messages = list(V.get("messages"));

    SymmetricState initiator = IkPsk2.start(prologue, respStaticPublic);
    SymmetricState responder = IkPsk2.start(hex(V, "resp_prologue"), respStaticPublic);

    // Message A, initiator to responder.
    byte[] payloadA = hex(messages.get(0), "payload");
    byte[] staticStatic = dh(initStatic, respStaticPublic);
    byte[] a = new byte[IkPsk2.messageALength(payloadA.length)];
    int aLength =
        IkPsk2.writeMessageA(
            initiator,
            Curve25519.DH,
            initEphemeral,
            Curve25519.publicKey(initStatic),
            respStaticPublic,
            staticStatic,
            payloadA,
            0,
            payloadA.length,
            a,
            0);
    assertEquals(a.length, aLength);
    assertEquals(toHex(hex(messages.get(0), "ciphertext")), toHex(a));

    byte[] remoteEphemeral = new byte[32];
    byte[] remoteStatic = new byte[32];
    assertTrue(
        IkPsk2.readMessageAStatic(
            responder, Curve25519.DH, respStatic, a, 0, remoteEphemeral, remoteStatic));
    assertArrayEquals(Curve25519.publicKey(initStatic), remoteStatic);
    byte[] openedA = new byte[payloadA.length];
    assertTrue(
        IkPsk2.readMessageAPayload(
            responder, dh(respStatic, remoteStatic), a, 0, payloadA.length, openedA, 0));
    assertArrayEquals(payloadA, openedA);

    // Message B, responder to initiator.
    byte[] payloadB = hex(messages.get(1), "payload");
    byte[] b = new byte[IkPsk2.messageBLength(payloadB.length)];
    IkPsk2.writeMessageB(
        responder,
        Curve25519.DH,
        respEphemeral,
        remoteEphemeral,
        remoteStatic,
        psk,
        payloadB,
        0,
        payloadB.length,
        b,
        0);
    assertEquals(toHex(hex(messages.get(1), "ciphertext")), toHex(b));
    byte[] openedB = new byte[payloadB.length];
    assertTrue(
        IkPsk2.readMessageB(
            initiator,
            Curve25519.DH,
            initEphemeral,
            initStatic,
            psk,
            b,
            0,
            payloadB.length,
            openedB,
            0));
    assertArrayEquals(payloadB, openedB);

    assertEquals(toHex(hex(V, "handshake_hash")), toHex(initiator.hash()));
    assertEquals(toHex(hex(V, "handshake_hash")), toHex(responder.hash()));

    // Transport: k1 carries initiator-to-responder traffic, k2 the replies; nonces count up.
    byte[][] initiatorKeys = initiator.split();
    byte[][] responderKeys = responder.split();
    assertArrayEquals(initiatorKeys[0], responderKeys[0]);
    assertArrayEquals(initiatorKeys[1], responderKeys[1]);
    SecretKey k1 = ChaChaPoly.key(initiatorKeys[0]);
    SecretKey k2 = ChaChaPoly.key(initiatorKeys[1]);
    for (int i = 2; i < messages.size(); i++) {
      byte[] payload = hex(messages.get(i), "payload");
      boolean fromInitiator = i % 2 == 0;
      long counter = (i - 2) / 2;
      byte[] sealed = new byte[payload.length + 16];
      ChaChaPoly.forThisThread()
          .seal(fromInitiator ? k1 : k2, counter, null, payload, 0, payload.length, sealed, 0);
      assertEquals(toHex(hex(messages.get(i), "ciphertext")), toHex(sealed), "message " + i);
      byte[] opened = new byte[payload.length];
      assertTrue(
          ChaChaPoly.forThisThread()
              .open(fromInitiator ? k1 : k2, counter, null, sealed, 0, sealed.length, opened, 0));
      assertArrayEquals(payload, opened);
    }
  }

  private static byte[] dh(byte[] priv, byte[] pub) {
    byte[] out = new byte[32];
    assertTrue(Curve25519.agree(priv, pub, out));
    return out;
  }

  @SuppressWarnings("unchecked")
  private static List<Object> hexList(String key) {
    return ((List<Object>) V.get(key))
        .stream().map(s -> (Object) java.util.HexFormat.of().parseHex((String) s)).toList();
  }
}
