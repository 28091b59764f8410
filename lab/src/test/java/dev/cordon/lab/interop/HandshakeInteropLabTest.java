package dev.cordon.lab.interop;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.cordon.lab.Lab;
import dev.cordon.lab.LabTest;
import dev.cordon.lab.bench.Keys;
import java.time.Duration;
import org.junit.jupiter.api.Test;

@LabTest
class HandshakeInteropLabTest {
  @Test
  void cordon_as_initiator_completes_a_handshake_with_wireguard_go_and_pings_both_ways(Lab lab) {
    handshakeAndPing(InteropPair.start(lab, Role.CORDON_INITIATES));
  }

  @Test
  void cordon_as_responder_completes_a_handshake_with_wireguard_go_and_pings_both_ways(Lab lab) {
    handshakeAndPing(InteropPair.start(lab, Role.CORDON_RESPONDS));
  }

  @Test
  void cordon_as_initiator_with_a_preshared_key_interoperates(Lab lab) {
    var options = new InteropPair.Options(Keys.presharedKey(), null);
    handshakeAndPing(InteropPair.start(lab, Role.CORDON_INITIATES, options));
  }

  @Test
  void cordon_as_responder_with_a_preshared_key_interoperates(Lab lab) {
    var options = new InteropPair.Options(Keys.presharedKey(), null);
    handshakeAndPing(InteropPair.start(lab, Role.CORDON_RESPONDS, options));
  }

  private static void handshakeAndPing(InteropPair pair) {
    pair.handshake();
    pair.awaitCordonHandshake(1, Duration.ofSeconds(5));

    var there = InteropPair.ping(pair.initiatorNs(), pair.responderOverlay(), 3);
    if (!InteropPair.answeredAll(there.stdout(), 3)) {
      fail(there.stdout() + pair.evidence());
    }
    var back = InteropPair.ping(pair.responderNs(), pair.initiatorOverlay(), 3);
    if (!InteropPair.answeredAll(back.stdout(), 3)) {
      fail(back.stdout() + pair.evidence());
    }

    long seen = pair.wg().latestHandshakes().getOrDefault(pair.cordon().publicKey(), 0L);
    assertTrue(
        seen > 0, "wireguard-go records no handshake with Cordon: " + pair.wg().show().stdout());
  }
}
