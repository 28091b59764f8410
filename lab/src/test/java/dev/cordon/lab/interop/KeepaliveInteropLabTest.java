package dev.cordon.lab.interop;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cordon.lab.Await;
import dev.cordon.lab.Lab;
import dev.cordon.lab.LabTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Persistent keepalive with no traffic at all: the keepalive alone brings the tunnel up (the
 * initiator has nothing else to send) and then arrives every second on the other side.
 */
@LabTest
class KeepaliveInteropLabTest {
  private static final int EVERY_SECOND = 1;
  private static final int KEEPALIVES = 3;
  private static final Duration DEADLINE = Duration.ofSeconds(40);

  @Test
  void cordons_persistent_keepalive_reaches_wireguard_go_without_any_traffic(Lab lab) {
    var pair =
        InteropPair.start(lab, Role.CORDON_INITIATES, new InteropPair.Options(null, EVERY_SECOND));

    pair.awaitCordonHandshake(1, DEADLINE);
    Await.until(
        KEEPALIVES + " keepalives from Cordon in wireguard-go's log",
        DEADLINE,
        () -> count(pair.wg().process().output(), "Receiving keepalive packet") >= KEEPALIVES);
  }

  @Test
  void wireguard_gos_persistent_keepalive_reaches_cordon_without_any_traffic(Lab lab) {
    var pair =
        InteropPair.start(lab, Role.CORDON_RESPONDS, new InteropPair.Options(null, EVERY_SECOND));

    pair.awaitCordonHandshake(1, DEADLINE);
    var third =
        pair.cordon()
            .awaitEvent(
                "keepalive-received",
                e -> pair.wg().publicKey().equals(e.get("peer")),
                KEEPALIVES,
                DEADLINE);
    assertTrue(third.containsKey("peer"), third.toString());
  }

  private static long count(String text, String what) {
    return text.lines().filter(l -> l.contains(what)).count();
  }
}
