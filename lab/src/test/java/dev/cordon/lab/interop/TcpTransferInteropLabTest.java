package dev.cordon.lab.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cordon.lab.Lab;
import dev.cordon.lab.LabTest;
import dev.cordon.lab.Namespace;
import dev.cordon.lab.bench.ByteTransfer;
import dev.cordon.lab.bench.LabJava;
import java.time.Duration;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

@LabTest
class TcpTransferInteropLabTest {
  private static final long BYTES = 8L << 20;

  @Test
  void eight_mebibytes_cross_intact_both_ways_when_cordon_initiates(Lab lab) {
    transferBothWays(InteropPair.start(lab, Role.CORDON_INITIATES));
  }

  @Test
  void eight_mebibytes_cross_intact_both_ways_when_cordon_responds(Lab lab) {
    transferBothWays(InteropPair.start(lab, Role.CORDON_RESPONDS));
  }

  private static void transferBothWays(InteropPair pair) {
    pair.handshake();
    transfer(pair.initiatorNs(), pair.responderNs(), pair.responderOverlay(), 9001, 11);
    transfer(pair.responderNs(), pair.initiatorNs(), pair.initiatorOverlay(), 9002, 22);
  }

  /**
   * A sink in {@code to}, a source in {@code from}; both ends' SHA-256 must be the expected one.
   */
  private static void transfer(
      Namespace from, Namespace to, String toAddress, int port, long seed) {
    String expected = ByteTransfer.expectedSha256(seed, BYTES);
    var sink =
        LabJava.start(
            to, "sink-" + port, ByteTransfer.class, "sink", "--port", Integer.toString(port));
    sink.awaitOutput(Pattern.compile("listening port=" + port), Duration.ofSeconds(20));

    var source =
        from.execAllowFail(
            LabJava.command(
                null,
                ByteTransfer.class,
                "source",
                "--to",
                toAddress + ":" + port,
                "--bytes",
                Long.toString(BYTES),
                "--seed",
                Long.toString(seed)));

    assertEquals(0, source.exitCode(), "source failed: " + source.stdout() + source.stderr());
    assertTrue(
        source.stdout().contains("sent bytes=" + BYTES + " sha256=" + expected), source.stdout());
    var received =
        sink.awaitOutput(
            Pattern.compile("received bytes=(\\d+) sha256=(\\w+)"), Duration.ofSeconds(20));
    assertEquals(Long.toString(BYTES), received.group(1), "bytes the sink counted");
    assertEquals(expected, received.group(2), "the sink's SHA-256 of what arrived");
  }
}
