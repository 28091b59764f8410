package dev.cordon.tunnel.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.cordon.tunnel.session.Drop;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * A live responder's receive path fed up to four datagrams per input, each arbitrary or a mutated
 * genuine one, from one of several sources (Alice's address, a roamed port, strangers over IPv4 and
 * IPv6, an unresolved address, none) at up to 255 s later. Nothing may escape {@code receive} or be
 * swallowed as an internal error, and unless a datagram carried every authenticated byte of a
 * genuine message, Bob's peer is exactly as before: endpoint, keypair slots, counters, timers,
 * handshake state, staged packets, and nothing sent, delivered or reported.
 */
class EngineReceiveFuzzTest {
  private static final List<InetSocketAddress> SOURCES =
      java.util.Arrays.asList(
          EngineWorld.ALICE,
          new InetSocketAddress("192.0.2.1", 40000),
          new InetSocketAddress("198.51.100.9", 51820),
          new InetSocketAddress("2001:db8::1", 51820),
          InetSocketAddress.createUnresolved("alice.invalid", 51820),
          null);

  private static EngineWorld world = new EngineWorld();

  /**
   * Records of (kind, source, seconds later, length u16, payload): kind 0 sends the payload as is,
   * kinds 1 to 5 the genuine datagram of that number mutated by the payload as a script.
   */
  @FuzzTest(maxDuration = "60s")
  void hostileDatagramsLeaveALiveResponderUnchanged(byte[] input) {
    EngineWorld w = world;
    List<Object> before = w.bobState();
    boolean authentic = false;
    Script s = new Script(input);
    for (int i = 0; i < 4 && s.hasMore(); i++) {
      int kind = s.u8() % 6;
      InetSocketAddress source = SOURCES.get(s.u8() % SOURCES.size());
      w.now = w.base + s.u8() * EngineWorld.SECOND;
      byte[] payload = s.bytes(s.u16());
      byte[] datagram = kind == 0 ? payload : Script.mutate(w.genuine().get(kind - 1), payload);
      authentic |= w.authentic(datagram);
      w.receive(w.bob, datagram, source);
    }
    w.now = w.base;
    assertEquals(0, w.bob.drops.getOrDefault(Drop.INTERNAL_ERROR, 0), "an exception was swallowed");
    if (authentic) {
      world = new EngineWorld();
    } else {
      assertEquals(before, w.bobState(), "hostile input changed the responder");
    }
  }
}
