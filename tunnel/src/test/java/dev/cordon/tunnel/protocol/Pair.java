package dev.cordon.tunnel.protocol;

import dev.cordon.tunnel.crypto.Curve25519;
import dev.cordon.tunnel.crypto.DiffieHellman;
import dev.cordon.tunnel.crypto.Entropy;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Two devices that know each other, in memory: a deterministic entropy, a hand-moved clock and a DH
 * that counts its calls, so tests can say when the expensive step happened.
 */
final class Pair {
  static final class ManualClock implements Clock {
    long now = 1_000_000_000L;

    @Override
    public long nanos() {
      return now;
    }
  }

  static Entropy entropy(int seed) {
    AtomicInteger next = new AtomicInteger(seed * 1_000_003);
    return out -> {
      for (int i = 0; i < out.length; i++) {
        out[i] = (byte) (next.incrementAndGet() * 0x9E3779B1 >>> 24);
      }
    };
  }

  final ManualClock clock = new ManualClock();
  final AtomicInteger dhCalls = new AtomicInteger();
  final DiffieHellman countingDh =
      (priv, pub, out) -> {
        dhCalls.incrementAndGet();
        return Curve25519.agree(priv, pub, out);
      };
  final StaticIdentity alice = new StaticIdentity(Curve25519.generatePrivateKey(entropy(1)));
  final StaticIdentity bob = new StaticIdentity(Curve25519.generatePrivateKey(entropy(2)));
  final byte[] psk;
  final Handshake bobAtAlice;
  final Handshake aliceAtBob;
  final HandshakeProtocol aliceProtocol;
  final HandshakeProtocol bobProtocol;

  Pair(byte[] psk) {
    this.psk = psk;
    bobAtAlice = new Handshake(alice, bob.publicKey(), psk, clock);
    aliceAtBob = new Handshake(bob, alice.publicKey(), psk, clock);
    aliceProtocol = new HandshakeProtocol(alice, countingDh, entropy(3), clock, timestamp(1));
    bobProtocol = new HandshakeProtocol(bob, countingDh, entropy(4), clock, timestamp(2));
  }

  static TimestampSource timestamp(int fill) {
    return (out, off) -> Arrays.fill(out, off, off + Constants.TIMESTAMP_LENGTH, (byte) fill);
  }

  /** Bob's peer table: only Alice. */
  Handshake bobFinds(byte[] staticPublic) {
    return Arrays.equals(staticPublic, alice.publicKey()) ? aliceAtBob : null;
  }

  byte[] initiation() {
    byte[] msg = new byte[Constants.INITIATION_LENGTH];
    if (aliceProtocol.createInitiation(bobAtAlice, 0x11111111, msg, 0) != msg.length) {
      throw new AssertionError("initiation not created");
    }
    return msg;
  }

  byte[] response() {
    byte[] msg = new byte[Constants.RESPONSE_LENGTH];
    if (bobProtocol.createResponse(aliceAtBob, 0x22222222, msg, 0) != msg.length) {
      throw new AssertionError("response not created");
    }
    return msg;
  }
}
