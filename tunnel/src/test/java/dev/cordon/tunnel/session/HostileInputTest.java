package dev.cordon.tunnel.session;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cordon.tunnel.protocol.Constants;
import dev.cordon.tunnel.protocol.message.LittleEndian;
import dev.cordon.tunnel.protocol.message.TransportMessage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every kind of bad datagram, fed to a responder that holds a live session: each is dropped,
 * nothing is sent, delivered or changed, and nothing is thrown.
 */
class HostileInputTest {
  /** Genuine traffic from Alice to derive hostile variants from. */
  record Genuine(byte[] transport, byte[] delivered, byte[] initiation) {}

  record Snapshot(List<Object> values) {
    static Snapshot of(Duo duo) {
      Peer p = duo.bob.peer;
      List<Object> v = new ArrayList<>();
      v.add(p.endpoint());
      v.add(p.keypairs().previous());
      v.add(p.keypairs().current());
      v.add(p.keypairs().next());
      v.add(p.stats());
      v.add(duo.bob.engine.indexTable.size());
      for (Timer t : Timer.values()) {
        v.add(p.timers().deadline(t));
      }
      v.add(p.handshake().state());
      v.add(p.stagedCount());
      v.add(duo.bob.delivered.size());
      v.add(duo.bob.sent.size());
      return new Snapshot(v);
    }
  }

  static Stream<Arguments> hostile() {
    return Stream.of(
        of("empty datagram", g -> new byte[0]),
        of("one byte", g -> new byte[] {4}),
        of("transport cut to 31 bytes", g -> Arrays.copyOf(g.transport(), 31)),
        of("transport cut by one byte", g -> cut(g.transport(), 1)),
        of("initiation cut to 147 bytes", g -> Arrays.copyOf(g.initiation(), 147)),
        of("initiation with one extra byte", g -> Arrays.copyOf(g.initiation(), 149)),
        of("transport, flipped type bit", g -> flip(g.transport(), 0)),
        of("transport, reserved byte set", g -> flip(g.transport(), 2)),
        of("transport, flipped receiver index", g -> flip(g.transport(), 5)),
        of("transport, flipped counter", g -> flip(g.transport(), 9)),
        of("transport, flipped ciphertext", g -> flip(g.transport(), 20)),
        of("transport, flipped tag", g -> flip(g.transport(), g.transport().length - 1)),
        of("type 5", g -> withType(g.transport(), 5)),
        of("type 0", g -> withType(g.transport(), 0)),
        of("old counter: a replay of a delivered message", Genuine::delivered),
        of("counter at REJECT_AFTER_MESSAGES", g -> withCounter(g.transport(), -(1L << 13) - 1)),
        of("counter 2^64 - 1", g -> withCounter(g.transport(), -1L)),
        of("replayed initiation", Genuine::initiation),
        of("initiation, flipped mac1", g -> flip(g.initiation(), 120)),
        of("initiation, flipped ephemeral", g -> flip(g.initiation(), 10)),
        of("initiation, flipped encrypted static", g -> flip(g.initiation(), 50)),
        of(
            "response to no initiation of ours",
            g -> withType(Arrays.copyOf(g.initiation(), 92), 2)),
        of("cookie reply to an unknown index", g -> withType(new byte[64], 3)),
        of("cookie reply to a live index", g -> cookieReplyTo(g.transport())),
        of("random 148 bytes typed as initiation", g -> withType(random(148, 1), 1)),
        of("random 200 bytes typed as transport", g -> withType(random(200, 2), 4)),
        of("random 1500 bytes", g -> random(1500, 3)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("hostile")
  void aHostileDatagramIsDroppedSilentlyWithoutChangingState(
      String name, Function<Genuine, byte[]> make) {
    Duo duo = new Duo();
    Genuine genuine = genuineTraffic(duo);
    byte[] datagram = make.apply(genuine);
    Snapshot before = Snapshot.of(duo);
    int dropsBefore = duo.bob.drops.values().stream().mapToInt(Integer::intValue).sum();
    assertDoesNotThrow(
        () ->
            duo.bob.engine.receive(
                datagram, 0, datagram.length, Duo.ALICE_ADDR, duo.clock.now, duo.bob));
    assertEquals(before, Snapshot.of(duo));
    int dropsAfter = duo.bob.drops.values().stream().mapToInt(Integer::intValue).sum();
    assertEquals(dropsBefore + 1, dropsAfter, "counted as one drop: " + duo.bob.drops);
    assertTrue(duo.bob.drops(Drop.INTERNAL_ERROR) == 0, "no datagram may make the engine throw");
  }

  private static Genuine genuineTraffic(Duo duo) {
    duo.aliceSends(Duo.fromAliceToBob(4));
    byte[] initiation = duo.alice.sent.peek().bytes();
    duo.deliverAll();
    duo.aliceSends(Duo.fromAliceToBob(4));
    byte[] delivered = duo.alice.sent.peek().bytes();
    duo.deliverAll();
    duo.aliceSends(Duo.fromAliceToBob(4));
    byte[] transport = duo.alice.sent.poll().bytes();
    duo.advance(Duo.SECOND);
    return new Genuine(transport, delivered, initiation);
  }

  private static Arguments of(String name, Function<Genuine, byte[]> make) {
    return Arguments.of(name, make);
  }

  private static byte[] flip(byte[] b, int at) {
    byte[] c = b.clone();
    c[at] ^= 1;
    return c;
  }

  private static byte[] cut(byte[] b, int by) {
    return Arrays.copyOf(b, b.length - by);
  }

  private static byte[] withType(byte[] b, int type) {
    byte[] c = b.clone();
    c[0] = (byte) type;
    return c;
  }

  private static byte[] withCounter(byte[] b, long counter) {
    byte[] c = b.clone();
    LittleEndian.putLong(c, TransportMessage.COUNTER_OFFSET, counter);
    return c;
  }

  private static byte[] cookieReplyTo(byte[] transport) {
    byte[] c = random(Constants.COOKIE_REPLY_LENGTH, 4);
    LittleEndian.putInt(c, 0, Constants.TYPE_COOKIE_REPLY);
    System.arraycopy(transport, 4, c, 4, 4);
    return c;
  }

  private static byte[] random(int length, long seed) {
    byte[] b = new byte[length];
    Duo.entropy(seed).fill(b);
    return b;
  }
}
