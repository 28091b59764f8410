package dev.cordon.tunnel.fuzz;

import dev.cordon.tunnel.allowedips.IpPrefix;
import dev.cordon.tunnel.crypto.Curve25519;
import dev.cordon.tunnel.protocol.Constants;
import dev.cordon.tunnel.protocol.StaticIdentity;
import dev.cordon.tunnel.protocol.cookie.CookieChecker;
import dev.cordon.tunnel.session.Drop;
import dev.cordon.tunnel.session.Engine;
import dev.cordon.tunnel.session.EngineOptions;
import dev.cordon.tunnel.session.Outbox;
import dev.cordon.tunnel.session.Peer;
import dev.cordon.tunnel.session.PeerSpec;
import dev.cordon.tunnel.session.SessionEvents;
import dev.cordon.tunnel.tai64n.Tai64n;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;

/**
 * Two engines after real handshakes, frozen at an interesting moment: Bob, the responder, holds a
 * confirmed keypair K1 (current) and an unconfirmed K2 (next) from Alice's rekey. The genuine
 * datagrams Alice produced on the way, not yet delivered, are kept for the fuzzer to replay and
 * mutate: data under K1, the keepalive under K2 that would confirm it, the rekey initiation
 * (already consumed, so a replay), Bob's response (meaningless to Bob) and a cookie reply from
 * Alice bound to that response.
 */
final class EngineWorld {
  static final long SECOND = 1_000_000_000L;
  static final InetSocketAddress ALICE = new InetSocketAddress("192.0.2.1", 51820);
  static final InetSocketAddress BOB = new InetSocketAddress("192.0.2.2", 51820);

  /** One engine's outbox and event sink: everything it sent, delivered, reported and dropped. */
  static final class Side implements Outbox, SessionEvents {
    final ArrayDeque<byte[]> sent = new ArrayDeque<>();
    final List<byte[]> delivered = new ArrayList<>();
    final List<String> events = new ArrayList<>();
    final EnumMap<Drop, Integer> drops = new EnumMap<>(Drop.class);
    Engine engine;
    Peer peer;

    @Override
    public void toNetwork(InetSocketAddress to, byte[] datagram, int length) {
      sent.add(Arrays.copyOf(datagram, length));
    }

    @Override
    public void toTunnel(Peer peer, byte[] packet, int offset, int length) {
      delivered.add(Arrays.copyOfRange(packet, offset, offset + length));
    }

    @Override
    public void handshakeComplete(Peer peer, boolean initiator) {
      events.add("handshake " + initiator);
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
  }

  long now = 1_000 * SECOND;
  final Side alice = new Side();
  final Side bob = new Side();
  final byte[] dataUnderK1;
  final byte[] keepaliveUnderK2;
  final byte[] rekeyInitiation;
  final byte[] rekeyResponse;
  final byte[] cookieReply;
  final long base;

  EngineWorld() {
    StaticIdentity aliceKey =
        new StaticIdentity(Curve25519.generatePrivateKey(Handshakes.entropy(11)));
    StaticIdentity bobKey =
        new StaticIdentity(Curve25519.generatePrivateKey(Handshakes.entropy(12)));
    alice.engine = engine(aliceKey, 13, alice);
    bob.engine = engine(bobKey, 14, bob);
    alice.peer =
        alice.engine.addPeer(
            new PeerSpec(
                bobKey.publicKey(), null, BOB, List.of(IpPrefix.parse("100.64.0.2/32")), 0),
            now,
            alice);
    bob.peer =
        bob.engine.addPeer(
            new PeerSpec(
                aliceKey.publicKey(), null, null, List.of(IpPrefix.parse("100.64.0.1/32")), 0),
            now,
            bob);
    // Handshake 1, confirmed by Alice's first data packet: Bob's K1 is current.
    aliceSends(8);
    exchange();
    check(bob.peer.keypairs().current() != null && bob.delivered.size() == 1, "first session");
    // Past REKEY_AFTER_TIME Alice's next packet goes out under K1 and starts a rekey.
    now += 121 * SECOND;
    aliceSends(16);
    dataUnderK1 = alice.sent.poll();
    rekeyInitiation = alice.sent.poll();
    check(type(dataUnderK1) == 4 && type(rekeyInitiation) == 1, "rekey initiation");
    receive(bob, rekeyInitiation, ALICE);
    rekeyResponse = bob.sent.poll();
    check(type(rekeyResponse) == 2 && bob.peer.keypairs().next() != null, "rekey response");
    receive(alice, rekeyResponse, BOB);
    keepaliveUnderK2 = alice.sent.poll();
    check(type(keepaliveUnderK2) == 4, "keepalive under K2");
    cookieReply = new byte[Constants.COOKIE_REPLY_LENGTH];
    new CookieChecker(aliceKey.publicKey(), () -> now, Handshakes.entropy(15))
        .createReply(
            rekeyResponse,
            0,
            rekeyResponse.length,
            dev.cordon.tunnel.protocol.message.LittleEndian.getInt(rekeyResponse, 4),
            CookieChecker.source(InetAddress.ofLiteral("192.0.2.2").getAddress(), 51820),
            cookieReply,
            0);
    check(alice.sent.isEmpty() && bob.sent.isEmpty(), "a quiet wire");
    bob.delivered.clear();
    bob.events.clear();
    bob.drops.clear();
    base = now;
  }

  /** The genuine datagrams, in the order the fuzz input's kind byte names them. */
  List<byte[]> genuine() {
    return List.of(dataUnderK1, keepaliveUnderK2, rekeyInitiation, rekeyResponse, cookieReply);
  }

  /**
   * True when datagram carries every byte Bob authenticates of a genuine message that could change
   * his state: the transport messages whole, the initiation up to mac2 (mac2 is only checked under
   * load), the cookie reply's nonce and sealed cookie.
   */
  boolean authentic(byte[] d) {
    return Arrays.equals(d, dataUnderK1)
        || Arrays.equals(d, keepaliveUnderK2)
        || Script.sameRegion(d, rekeyInitiation, 0, 132)
        || (Script.sameRegion(d, cookieReply, 0, 4) && Script.sameRegion(d, cookieReply, 8, 64));
  }

  /** Everything about Bob's peer that hostile input must leave alone. */
  List<Object> bobState() {
    Peer p = bob.peer;
    List<Object> v = new ArrayList<>();
    v.add(p.endpoint());
    v.add(p.keypairs().previous());
    v.add(p.keypairs().current());
    v.add(p.keypairs().next());
    v.add(p.stats());
    for (dev.cordon.tunnel.session.Timer t : dev.cordon.tunnel.session.Timer.values()) {
      v.add(p.timers().deadline(t));
    }
    v.add(p.handshake().state());
    v.add(p.stagedCount());
    v.add(bob.sent.size());
    v.add(bob.delivered.size());
    v.add(List.copyOf(bob.events));
    return v;
  }

  void receive(Side to, byte[] datagram, InetSocketAddress from) {
    to.engine.receive(datagram, 0, datagram.length, from, now, to);
  }

  private Engine engine(StaticIdentity key, long seed, Side side) {
    return new Engine(
        key,
        Handshakes.entropy(seed),
        () -> now,
        (out, off) ->
            Tai64n.of(Instant.ofEpochSecond(1_700_000_000L).plusNanos(now)).write(out, off),
        EngineOptions.DEFAULT,
        side);
  }

  private void aliceSends(int payload) {
    byte[] p = new byte[20 + payload];
    p[0] = 0x45;
    p[3] = (byte) p.length;
    p[8] = 64;
    p[9] = 17;
    System.arraycopy(new byte[] {100, 64, 0, 1, 100, 64, 0, 2}, 0, p, 12, 8);
    alice.engine.send(alice.peer, p, 0, p.length, now, alice);
  }

  private void exchange() {
    for (int round = 0; round < 10 && !(alice.sent.isEmpty() && bob.sent.isEmpty()); round++) {
      while (!alice.sent.isEmpty()) {
        receive(bob, alice.sent.poll(), ALICE);
      }
      while (!bob.sent.isEmpty()) {
        receive(alice, bob.sent.poll(), BOB);
      }
    }
  }

  private static int type(byte[] d) {
    return d == null || d.length == 0 ? -1 : d[0];
  }

  private static void check(boolean ok, String what) {
    if (!ok) {
      throw new IllegalStateException("the engine world failed at: " + what);
    }
  }
}
