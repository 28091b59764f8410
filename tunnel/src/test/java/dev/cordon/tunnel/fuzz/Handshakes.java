package dev.cordon.tunnel.fuzz;

import dev.cordon.tunnel.crypto.Curve25519;
import dev.cordon.tunnel.crypto.Entropy;
import dev.cordon.tunnel.protocol.Clock;
import dev.cordon.tunnel.protocol.Constants;
import dev.cordon.tunnel.protocol.Handshake;
import dev.cordon.tunnel.protocol.HandshakeProtocol;
import dev.cordon.tunnel.protocol.StaticIdentity;
import dev.cordon.tunnel.protocol.TimestampSource;
import dev.cordon.tunnel.protocol.cookie.CookieChecker;
import dev.cordon.tunnel.protocol.cookie.CookieGenerator;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Alice (initiator) and Bob (responder) with a pre-shared key, deterministic keys and a frozen
 * clock, holding one genuine message of each handshake type: Alice's initiation (her handshake is
 * waiting for the response), Bob's response to it, and Bob's cookie reply to it. Each side that the
 * targets feed has its own {@link Handshake}, untouched by the making of the genuine messages.
 */
final class Handshakes {
  static final int ALICE_INDEX = 0x11111111;
  static final int BOB_INDEX = 0x22222222;
  static final byte[] PSK = filled(32, 7);
  static final byte[] ALICE_SOURCE = CookieChecker.source(new byte[] {(byte) 192, 0, 2, 1}, 51820);

  final Clock clock = () -> 1_000_000_000_000L;
  final StaticIdentity alice = new StaticIdentity(Curve25519.generatePrivateKey(entropy(1)));
  final StaticIdentity bob = new StaticIdentity(Curve25519.generatePrivateKey(entropy(2)));
  final HandshakeProtocol aliceProtocol =
      new HandshakeProtocol(alice, Curve25519.DH, entropy(3), clock, timestamp(1));
  final HandshakeProtocol bobProtocol =
      new HandshakeProtocol(bob, Curve25519.DH, entropy(4), clock, timestamp(2));

  /** Alice's view of Bob: INITIATION_CREATED, waiting for {@link #response}. */
  final Handshake bobAtAlice = new Handshake(alice, bob.publicKey(), PSK, clock);

  /** Bob's view of Alice that the initiation targets feed: fresh. */
  final Handshake aliceAtBob = new Handshake(bob, alice.publicKey(), PSK, clock);

  /** Macs as Alice computes them for messages to Bob, and the reverse. */
  final CookieGenerator macsToBob = new CookieGenerator(bob.publicKey(), clock);

  final CookieGenerator macsToAlice = new CookieGenerator(alice.publicKey(), clock);
  final byte[] initiation = new byte[Constants.INITIATION_LENGTH];
  final byte[] response = new byte[Constants.RESPONSE_LENGTH];
  final byte[] cookieReply = new byte[Constants.COOKIE_REPLY_LENGTH];

  Handshakes() {
    require(aliceProtocol.createInitiation(bobAtAlice, ALICE_INDEX, initiation, 0) > 0);
    Handshake responder = new Handshake(bob, alice.publicKey(), PSK, clock);
    require(
        bobProtocol.consumeInitiation(initiation, 0, initiation.length, k -> responder) != null);
    require(bobProtocol.createResponse(responder, BOB_INDEX, response, 0) > 0);
    require(
        bobProtocol
                .cookieChecker()
                .createReply(
                    initiation, 0, initiation.length, ALICE_INDEX, ALICE_SOURCE, cookieReply, 0)
            > 0);
  }

  /** Bob's peer table: Alice only. */
  Handshake bobFinds(byte[] staticPublic) {
    return Arrays.equals(staticPublic, alice.publicKey()) ? aliceAtBob : null;
  }

  /** Everything a refused message must leave as it was. */
  static String state(Handshake h) {
    return h.state()
        + " "
        + h.localIndex()
        + " "
        + h.remoteIndex()
        + " "
        + Arrays.toString(h.chainingKey())
        + Arrays.toString(h.hash());
  }

  static Entropy entropy(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    return out -> random.nextBytes(out);
  }

  static TimestampSource timestamp(int fill) {
    return (out, off) -> Arrays.fill(out, off, off + Constants.TIMESTAMP_LENGTH, (byte) fill);
  }

  static byte[] filled(int n, int value) {
    byte[] b = new byte[n];
    Arrays.fill(b, (byte) value);
    return b;
  }

  private static void require(boolean ok) {
    if (!ok) {
      throw new IllegalStateException("the genuine handshake failed");
    }
  }
}
