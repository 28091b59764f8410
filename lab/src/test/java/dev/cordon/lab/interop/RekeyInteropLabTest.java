package dev.cordon.lab.interop;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cordon.lab.Lab;
import dev.cordon.lab.LabProcess;
import dev.cordon.lab.LabTest;
import java.time.Duration;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Runs past REKEY_AFTER_TIME (120 s) with a ping every half second, Cordon initiating in one lab
 * and responding in another at the same time, so both roles cost one wait. The initiator of the
 * first session must start the second handshake, and no more than a few pings may be lost.
 */
@LabTest
@Tag("slow")
class RekeyInteropLabTest {
  private static final Duration REKEY_DEADLINE = Duration.ofSeconds(200);
  private static final Pattern REPLY = Pattern.compile("icmp_seq=(\\d+) .*time=");

  @Test
  void after_rekey_after_time_a_second_handshake_happens_in_both_roles_and_ping_keeps_working(
      Lab lab) {
    try (Lab second = Lab.open(lab.name() + "-responder")) {
      var initiating = InteropPair.start(lab, Role.CORDON_INITIATES);
      var responding = InteropPair.start(second, Role.CORDON_RESPONDS);
      initiating.handshake();
      responding.handshake();
      var pingA = steadyPing(initiating);
      var pingB = steadyPing(responding);

      initiating.awaitCordonHandshake(2, REKEY_DEADLINE);
      responding.awaitCordonHandshake(2, REKEY_DEADLINE);

      for (var pair : new InteropPair[] {initiating, responding}) {
        var after = InteropPair.ping(pair.initiatorNs(), pair.responderOverlay(), 3);
        assertTrue(
            InteropPair.answeredAll(after.stdout(), 3),
            () -> pair.role() + ": " + after.stdout() + pair.evidence());
        var back = InteropPair.ping(pair.responderNs(), pair.initiatorOverlay(), 3);
        assertTrue(
            InteropPair.answeredAll(back.stdout(), 3),
            () -> pair.role() + ": " + back.stdout() + pair.evidence());
      }
      assertFewLost(pingA);
      assertFewLost(pingB);
    }
  }

  /** A ping every 0.5 s from the initiator, bounded to 500 packets. */
  private static LabProcess steadyPing(InteropPair pair) {
    return pair.initiatorNs()
        .start("steady-ping", "ping", "-n", "-i", "0.5", "-c", "500", pair.responderOverlay());
  }

  /** Replies against the highest sequence answered: a rekey may cost a packet or two, no more. */
  private static void assertFewLost(LabProcess ping) {
    ping.stop();
    var m = REPLY.matcher(ping.output());
    long replies = 0;
    long highest = 0;
    while (m.find()) {
      replies++;
      highest = Math.max(highest, Long.parseLong(m.group(1)));
    }
    assertTrue(highest > 200, "the steady ping ran too briefly: " + highest);
    assertTrue(replies >= highest - 2, replies + " replies for " + highest + " pings");
  }
}
