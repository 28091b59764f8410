package dev.cordon.tunnel.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cordon.tunnel.protocol.Keypair;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Two engines over a wire that loses a fifth of all datagrams, duplicates some and reorders every
 * batch, for 300 simulated seconds: handshakes complete, packets flow both ways, keys rotate.
 */
class LossyWireTest {
  private final Random random = new Random(42);

  @Test
  void handshakesRekeysAndTrafficSurviveLossReorderingAndDuplication() {
    Duo duo = new Duo();
    Keypair first = null;
    int aliceSent = 0;
    for (int step = 0; step < 3000; step++) { // 100 ms steps
      duo.advance(Duo.SECOND / 10);
      if (step % 5 == 0) {
        duo.aliceSends(Duo.fromAliceToBob(step % 200));
        aliceSent++;
      }
      if (step % 7 == 0) {
        duo.bobSends(Duo.fromBobToAlice(30));
      }
      duo.tick();
      lossyDeliver(duo, duo.alice, duo.bob);
      lossyDeliver(duo, duo.bob, duo.alice);
      if (first == null) {
        first = duo.alice.peer.keypairs().current();
      }
    }
    assertTrue(first != null, "a session came up");
    assertNotSame(first, duo.alice.peer.keypairs().current(), "keys rotated");
    assertTrue(duo.bob.delivered.size() > aliceSent / 2, "Bob got " + duo.bob.delivered.size());
    assertTrue(duo.alice.delivered.size() > 100, "Alice got " + duo.alice.delivered.size());
    assertEquals(0, duo.alice.drops(Drop.INTERNAL_ERROR) + duo.bob.drops(Drop.INTERNAL_ERROR));
    assertTrue(duo.bob.drops(Drop.REPLAY) > 0, "duplicates were refused by the replay window");
  }

  private void lossyDeliver(Duo duo, Duo.Side from, Duo.Side to) {
    List<Duo.Sent> batch = new ArrayList<>();
    while (!from.sent.isEmpty()) {
      Duo.Sent s = from.sent.poll();
      if (random.nextInt(5) == 0) {
        continue;
      }
      batch.add(s);
      if (random.nextInt(10) == 0) {
        batch.add(s);
      }
    }
    Collections.shuffle(batch, random);
    for (Duo.Sent s : batch) {
      to.engine.receive(s.bytes(), 0, s.bytes().length, from.address, duo.clock.now, to);
    }
  }
}
