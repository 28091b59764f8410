package dev.cordon.lab.interop;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cordon.lab.Lab;
import dev.cordon.lab.LabException;
import dev.cordon.lab.LabProcess;
import dev.cordon.lab.LabTest;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * How the interop tests judge a ping. A busy machine can deschedule Cordon's process for a few
 * hundred milliseconds; here SIGSTOP does it on purpose, right after the second reply, and SIGCONT
 * undoes it 2.5 s later. Nothing is lost, the third reply is only late. ping without a deadline
 * calls it lost (it waits just max(2 x slowest round trip, interval) after its last probe), which
 * is how a clean CI run printed "3 packets transmitted, 2 received"; with the deadline {@link
 * InteropPair#pingArgv} sets, every probe is answered.
 */
@LabTest
class PingJudgementLabTest {
  private static final Pattern SUMMARY = Pattern.compile("packets transmitted");

  @Test
  void a_reply_held_up_by_a_stalled_tunnel_process_is_late_not_lost(Lab lab) {
    InteropPair pair = InteropPair.start(lab, Role.CORDON_INITIATES);
    pair.handshake();

    List<String> withDeadline = InteropPair.pingArgv(InteropPair.WG_OVERLAY, 3, "1");
    List<String> withoutDeadline = new ArrayList<>(withDeadline);
    int w = withoutDeadline.indexOf("-w");
    if (w >= 0) {
      withoutDeadline.subList(w, w + 2).clear();
    }

    String plain = pingWhileCordonStalls(pair, "ping-plain", withoutDeadline);
    assertFalse(
        InteropPair.answeredAll(plain, 3),
        "the stall must outlast ping's own wait, or this test shows nothing:\n" + plain);

    String judged = pingWhileCordonStalls(pair, "ping-deadline", withDeadline);
    assertTrue(
        InteropPair.answeredAll(judged, 3),
        () -> "a late reply must count as answered:\n" + judged + pair.evidence());
    String status = pair.cordon().statusText();
    assertFalse(status.contains("drop=tun_") || status.contains("drop=udp_"), status);
  }

  /** Pings once a second; stops Cordon's process after the 2nd reply for 2.5 s; ping's output. */
  private static String pingWhileCordonStalls(InteropPair pair, String name, List<String> argv) {
    LabProcess ping = pair.cordonNs().start(name, argv.toArray(String[]::new));
    ping.awaitOutput(Pattern.compile(" icmp_seq=2 "), Duration.ofSeconds(10));
    long pid = pair.cordon().process().pid();
    signal("-STOP", pid);
    try {
      Thread.sleep(2500);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      signal("-CONT", pid);
    }
    ping.awaitOutput(SUMMARY, Duration.ofSeconds(InteropPair.PING_DEADLINE_SECONDS + 5));
    return ping.output();
  }

  private static void signal(String signal, long pid) {
    try {
      int code = new ProcessBuilder("kill", signal, Long.toString(pid)).start().waitFor();
      if (code != 0) {
        throw new LabException("kill " + signal + " " + pid + " exited with " + code);
      }
    } catch (IOException e) {
      throw new LabException("kill " + signal + " " + pid, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LabException("interrupted while signalling " + pid, e);
    }
  }
}
