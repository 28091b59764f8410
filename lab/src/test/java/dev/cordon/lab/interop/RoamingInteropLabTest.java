package dev.cordon.lab.interop;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cordon.lab.Lab;
import dev.cordon.lab.LabTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * wireguard-go moves to a new source port mid-session, as a peer behind a NAT that rebinds would:
 * Cordon must follow it on its next authenticated packet, and only then.
 */
@LabTest
class RoamingInteropLabTest {
  private static final int NEW_PORT = 51999;

  @Test
  void cordon_as_initiator_follows_wireguard_go_to_its_new_port(Lab lab) {
    roam(InteropPair.start(lab, Role.CORDON_INITIATES));
  }

  @Test
  void cordon_as_responder_follows_wireguard_go_to_its_new_port(Lab lab) {
    roam(InteropPair.start(lab, Role.CORDON_RESPONDS));
  }

  private static void roam(InteropPair pair) {
    pair.handshake();
    String newEndpoint = pair.lab().underlay(2) + ":" + NEW_PORT;

    pair.wgNs().exec("wg", "set", pair.wg().iface(), "listen-port", Integer.toString(NEW_PORT));
    var fromWg = InteropPair.ping(pair.wgNs(), InteropPair.CORDON_OVERLAY, 3);
    assertTrue(
        InteropPair.answeredAll(fromWg.stdout(), 3), () -> fromWg.stdout() + pair.evidence());

    pair.cordon()
        .awaitEvent(
            "endpoint",
            e -> pair.wg().publicKey().equals(e.get("peer")) && newEndpoint.equals(e.get("addr")),
            1,
            Duration.ofSeconds(10));
    // Cordon now sends to the new port of its own accord.
    var fromCordon = InteropPair.ping(pair.cordonNs(), InteropPair.WG_OVERLAY, 3);
    assertTrue(
        InteropPair.answeredAll(fromCordon.stdout(), 3),
        () -> fromCordon.stdout() + pair.evidence());
  }
}
