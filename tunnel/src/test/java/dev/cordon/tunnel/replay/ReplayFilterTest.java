package dev.cordon.tunnel.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cordon.tunnel.protocol.vectors.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReplayFilterTest {
  /** REJECT_AFTER_MESSAGES = 2^64 - 2^13 - 1, as an unsigned value in a long. */
  private static final long LIMIT = -(1L << 13) - 1;

  @Test
  void theSharedVectorSequenceIsAcceptedAndRefusedExactlyAsWireGuardDoes() throws IOException {
    Path file =
        Path.of(System.getProperty("cordon.shared.dir"), "vectors/wireguard-replay-window.json");
    @SuppressWarnings("unchecked")
    Map<String, Object> vector = (Map<String, Object>) Json.parse(Files.readString(file));
    assertEquals(ReplayFilter.WINDOW_SIZE, ((Number) vector.get("window_size")).intValue());
    long limit = Long.parseUnsignedLong((String) vector.get("reject_after_messages"));
    assertEquals(LIMIT, limit, "the vector's limit is REJECT_AFTER_MESSAGES");

    ReplayFilter filter = new ReplayFilter();
    List<?> sequence = (List<?>) vector.get("sequence");
    assertTrue(sequence.size() > 20, "the vector has a real sequence");
    for (int i = 0; i < sequence.size(); i++) {
      Map<?, ?> step = (Map<?, ?>) sequence.get(i);
      String counter = (String) step.get("counter");
      boolean expected = (Boolean) step.get("accept");
      assertEquals(
          expected,
          filter.validateCounter(Long.parseUnsignedLong(counter), limit),
          "step "
              + i
              + ": counter "
              + counter
              + " should be "
              + (expected ? "accepted" : "refused"));
    }
  }

  @Test
  void aCounterExactlyOneWindowBehindIsStillAcceptedButOneFurtherIsNot() {
    ReplayFilter filter = new ReplayFilter();
    assertTrue(filter.validateCounter(20_000, LIMIT));
    assertTrue(filter.validateCounter(20_000 - ReplayFilter.WINDOW_SIZE, LIMIT), "at the edge");
    assertFalse(filter.validateCounter(20_000 - ReplayFilter.WINDOW_SIZE - 1, LIMIT), "too old");
  }

  @Test
  void aJumpFarPastTheRingForgetsEveryEarlierBit() {
    ReplayFilter filter = new ReplayFilter();
    assertTrue(filter.validateCounter(5, LIMIT));
    long far = 5 + 64L * ReplayFilter.RING_BLOCKS * 3;
    assertTrue(filter.validateCounter(far, LIMIT));
    // The slot that held counter 5 is reused for a block the window now covers.
    assertTrue(filter.validateCounter(far - 64L * ReplayFilter.RING_BLOCKS + 64, LIMIT));
    assertFalse(filter.validateCounter(far, LIMIT), "a replay of the newest counter");
  }

  @Test
  void resetMakesEveryCounterNewAgain() {
    ReplayFilter filter = new ReplayFilter();
    assertTrue(filter.validateCounter(3, LIMIT));
    assertFalse(filter.validateCounter(3, LIMIT));
    filter.reset();
    assertTrue(filter.validateCounter(3, LIMIT), "a fresh keypair's counters start over");
  }

  @Test
  void countersAtOrAboveTheLimitAreRefusedEvenOnAFreshFilter() {
    ReplayFilter filter = new ReplayFilter();
    assertFalse(filter.validateCounter(LIMIT, LIMIT));
    assertFalse(filter.validateCounter(-1L, LIMIT), "2^64 - 1 is past the limit, not negative");
    assertTrue(filter.validateCounter(LIMIT - 1, LIMIT));
  }
}
