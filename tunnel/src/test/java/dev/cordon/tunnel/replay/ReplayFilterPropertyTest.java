package dev.cordon.tunnel.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The ring filter against the obvious model: a set of every counter seen plus the maximum. */
class ReplayFilterPropertyTest {
  private static final long LIMIT = -(1L << 13) - 1;

  /** The definition the ring must match: new, below the limit, and not too far behind. */
  private static final class NaiveWindow {
    private final Set<Long> seen = new HashSet<>();
    private long max;

    boolean validate(long counter) {
      if (Long.compareUnsigned(counter, LIMIT) >= 0) {
        return false;
      }
      if (Long.compareUnsigned(counter, max) <= 0
          && Long.compareUnsigned(max - counter, ReplayFilter.WINDOW_SIZE) > 0) {
        return false;
      }
      if (!seen.add(counter)) {
        return false;
      }
      if (Long.compareUnsigned(counter, max) > 0) {
        max = counter;
      }
      return true;
    }
  }

  @Property(tries = 300)
  void theRingAgreesWithASetOfSeenCountersOnEveryStep(@ForAll("walks") List<Long> counters) {
    ReplayFilter filter = new ReplayFilter();
    NaiveWindow model = new NaiveWindow();
    for (int i = 0; i < counters.size(); i++) {
      long counter = counters.get(i);
      assertEquals(
          model.validate(counter),
          filter.validateCounter(counter, LIMIT),
          "step " + i + ", counter " + Long.toUnsignedString(counter));
    }
  }

  /**
   * Sequences that wander: mostly small steps around a moving point (reordering and replays),
   * sometimes leaps of about a window (the edges), sometimes a start near the limit.
   */
  @Provide
  Arbitrary<List<Long>> walks() {
    Arbitrary<Long> base =
        Arbitraries.oneOf(
            Arbitraries.just(0L),
            Arbitraries.longs().between(0, 1L << 40),
            Arbitraries.longs().between(LIMIT - 40_000, LIMIT + 10));
    Arbitrary<Long> step =
        Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(10, Arbitraries.longs().between(-70, 70)),
            net.jqwik.api.Tuple.of(3, Arbitraries.longs().between(-8200, 8200)),
            net.jqwik.api.Tuple.of(1, Arbitraries.longs().between(-20_000, 20_000)));
    return base.flatMap(
        start -> step.list().ofMinSize(1).ofMaxSize(400).map(steps -> walk(start, steps)));
  }

  private static List<Long> walk(long start, List<Long> steps) {
    long[] position = {start};
    return steps.stream().map(s -> position[0] += s).toList();
  }
}
