package dev.cordon.tunnel.session;

import dev.cordon.tunnel.allowedips.IpPrefix;
import dev.cordon.tunnel.crypto.Curve25519;
import dev.cordon.tunnel.crypto.Entropy;
import dev.cordon.tunnel.protocol.Clock;
import dev.cordon.tunnel.protocol.StaticIdentity;
import dev.cordon.tunnel.protocol.TimestampSource;
import dev.cordon.tunnel.tai64n.Tai64n;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Two engines, Alice (100.64.0.1) and Bob (100.64.0.2), that know each other, a hand-moved clock
 * and an in-memory wire. Alice has Bob's endpoint; Bob learns Alice's from her handshake.
 */
final class Duo {
  static final InetSocketAddress ALICE_ADDR = new InetSocketAddress("192.0.2.1", 51820);
  static final InetSocketAddress BOB_ADDR = new InetSocketAddress("192.0.2.2", 51820);
  static final long SECOND = 1_000_000_000L;

  static final class ManualClock implements Clock {
    long now = 1_000 * SECOND;

    @Override
    public long nanos() {
      return now;
    }
  }

  /** One side: its engine, what it sent, what it delivered, what it dropped and why. */
  static final class Side implements Outbox, SessionEvents {
    Engine engine;
    Peer peer;
    final InetSocketAddress address;
    final ArrayDeque<Sent> sent = new ArrayDeque<>();
    final List<byte[]> delivered = new ArrayList<>();
    final EnumMap<Drop, Integer> drops = new EnumMap<>(Drop.class);
    final List<String> events = new ArrayList<>();

    Side(InetSocketAddress address) {
      this.address = address;
    }

    @Override
    public void toNetwork(InetSocketAddress to, byte[] datagram, int length) {
      sent.add(new Sent(to, java.util.Arrays.copyOf(datagram, length)));
    }

    @Override
    public void toTunnel(Peer peer, byte[] packet, int offset, int length) {
      delivered.add(java.util.Arrays.copyOfRange(packet, offset, offset + length));
    }

    @Override
    public void handshakeComplete(Peer peer, boolean initiator) {
      events.add(initiator ? "handshake initiator" : "handshake responder");
    }

    @Override
    public void keepaliveReceived(Peer peer) {
      events.add("keepalive");
    }

    @Override
    public void endpointChanged(Peer peer, InetSocketAddress endpoint) {
      events.add("endpoint " + endpoint);
    }

    @Override
    public void dropped(Drop reason) {
      drops.merge(reason, 1, Integer::sum);
    }

    int drops(Drop reason) {
      return drops.getOrDefault(reason, 0);
    }

    /** The type byte of each datagram sent and not yet delivered. */
    List<Integer> sentTypes() {
      return sent.stream().map(s -> (int) s.bytes()[0]).toList();
    }
  }

  record Sent(InetSocketAddress to, byte[] bytes) {}

  final ManualClock clock = new ManualClock();
  final StaticIdentity aliceKey;
  final StaticIdentity bobKey;
  final Side alice = new Side(ALICE_ADDR);
  final Side bob = new Side(BOB_ADDR);

  Duo() {
    this(EngineOptions.DEFAULT, 0);
  }

  Duo(EngineOptions options, int keepalive) {
    aliceKey = new StaticIdentity(Curve25519.generatePrivateKey(entropy(1)));
    bobKey = new StaticIdentity(Curve25519.generatePrivateKey(entropy(2)));
    alice.engine = new Engine(aliceKey, entropy(3), clock, timestamps(), options, alice);
    bob.engine = new Engine(bobKey, entropy(4), clock, timestamps(), options, bob);
    alice.peer =
        alice.engine.addPeer(
            new PeerSpec(
                bobKey.publicKey(),
                null,
                BOB_ADDR,
                List.of(IpPrefix.parse("100.64.0.2/32")),
                keepalive),
            clock.now,
            alice);
    bob.peer =
        bob.engine.addPeer(
            new PeerSpec(
                aliceKey.publicKey(), null, null, List.of(IpPrefix.parse("100.64.0.1/32")), 0),
            clock.now,
            bob);
  }

  static Entropy entropy(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    return out -> {
      synchronized (random) {
        random.nextBytes(out);
      }
    };
  }

  TimestampSource timestamps() {
    return (out, off) ->
        Tai64n.of(Instant.ofEpochSecond(1_700_000_000L).plusNanos(clock.now)).write(out, off);
  }

  void advance(long nanos) {
    clock.now += nanos;
  }

  /** Moves every datagram in flight to its receiver, until the wire is quiet (bounded). */
  void deliverAll() {
    for (int round = 0; round < 50 && !(alice.sent.isEmpty() && bob.sent.isEmpty()); round++) {
      deliver(alice, bob);
      deliver(bob, alice);
    }
  }

  /** Delivers what from sent, oldest first, into to (as coming from from's address). */
  void deliver(Side from, Side to) {
    while (!from.sent.isEmpty()) {
      Sent s = from.sent.poll();
      to.engine.receive(s.bytes(), 0, s.bytes().length, from.address, clock.now, to);
    }
  }

  void aliceSends(byte[] packet) {
    alice.engine.send(alice.peer, packet, 0, packet.length, clock.now, alice);
  }

  void bobSends(byte[] packet) {
    bob.engine.send(bob.peer, packet, 0, packet.length, clock.now, bob);
  }

  void tick() {
    alice.engine.tick(clock.now, alice);
    bob.engine.tick(clock.now, bob);
  }

  /** A handshake started by Alice, confirmed by her keepalive. */
  void handshake() {
    aliceSends(Packets.ipv4("100.64.0.1", "100.64.0.2", 8));
    deliverAll();
  }

  static byte[] fromAliceToBob(int payload) {
    return Packets.ipv4("100.64.0.1", "100.64.0.2", payload);
  }

  static byte[] fromBobToAlice(int payload) {
    return Packets.ipv4("100.64.0.2", "100.64.0.1", payload);
  }
}
