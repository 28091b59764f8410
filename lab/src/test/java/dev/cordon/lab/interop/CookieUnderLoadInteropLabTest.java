package dev.cordon.lab.interop;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cordon.lab.Await;
import dev.cordon.lab.Lab;
import dev.cordon.lab.LabProcess;
import dev.cordon.lab.LabTest;
import dev.cordon.lab.Namespace;
import java.time.Duration;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A third host floods the responder with valid-looking initiations from strangers (bounded: 4,000
 * in bursts of 1,000), enough to put it under load so it answers with cookie replies. The
 * legitimate initiator starts its handshake only once the flooder has seen a cookie reply, so its
 * first initiation meets the cookie too; it must still complete the handshake.
 */
@LabTest
class CookieUnderLoadInteropLabTest {
  private static final Duration DEADLINE = Duration.ofSeconds(40);

  @Test
  void wireguard_go_under_load_sends_cordon_a_cookie_and_cordon_still_gets_through(Lab lab) {
    var pair = InteropPair.start(lab, Role.CORDON_INITIATES);
    var flooder = flood(lab, pair, lab.underlay(2), pair.wg().publicKey());

    pair.handshake();
    pair.awaitCordonHandshake(1, DEADLINE);
    String cordonAddress = lab.underlay(1);
    assertTrue(
        pair.wg()
            .process()
            .output()
            .lines()
            .anyMatch(l -> l.contains("Sending cookie response") && l.contains(cordonAddress)),
        "wireguard-go never sent Cordon a cookie, so the cookie path was not exercised:\n"
            + pair.wg().process().output());
    awaitEnd(flooder);
  }

  @Test
  void cordon_under_load_sends_wireguard_go_a_cookie_and_wireguard_go_still_gets_through(Lab lab) {
    var pair = InteropPair.start(lab, Role.CORDON_RESPONDS);
    var flooder = flood(lab, pair, lab.underlay(1), pair.cordon().publicKey());

    pair.handshake();
    pair.awaitCordonHandshake(1, DEADLINE);
    assertTrue(
        pair.wg().process().output().contains("Receiving cookie response"),
        "wireguard-go never received a cookie from Cordon:\n" + pair.wg().process().output());
    awaitEnd(flooder);
  }

  /** Starts the flooder on a third host and waits until the responder answers it with cookies. */
  private static LabProcess flood(Lab lab, InteropPair pair, String responder, String publicKey) {
    Namespace third = lab.namespace("flood");
    third.connect(pair.lan(), lab.underlayCidr(3));
    return CookieFlood.start(third, responder + ":" + InteropPair.PORT, publicKey, DEADLINE);
  }

  private static void awaitEnd(LabProcess flooder) {
    var done =
        flooder.awaitOutput(Pattern.compile("done sent=(\\d+) .*cookie-replies=(\\d+)"), DEADLINE);
    assertTrue(Long.parseLong(done.group(2)) > 0, "no cookie replies: " + done.group());
    Await.until("the flooder to exit", Duration.ofSeconds(10), () -> !flooder.isAlive());
  }
}
