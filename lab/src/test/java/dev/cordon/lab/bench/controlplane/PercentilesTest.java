package dev.cordon.lab.bench.controlplane;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class PercentilesTest {
  @Test
  void nearestRankPicksTheSampleAtOrAboveThePercentile() {
    long[] hundred = new long[100];
    for (int i = 0; i < 100; i++) hundred[i] = 100 - i; // unsorted on purpose: 100..1
    Percentiles p = Percentiles.of(hundred);
    assertEquals(50, p.p50());
    assertEquals(90, p.p90());
    assertEquals(99, p.p99());
    assertEquals(100, p.max());
    assertEquals(100, p.count());
  }

  @Test
  void withFewSamplesTheP99IsTheWorstOne() {
    Percentiles p = Percentiles.of(new long[] {5, 1, 9, 3});
    assertEquals(9, p.p99(), "fewer than 100 samples: p99 is the maximum");
    assertEquals(1, Percentiles.rank(new long[] {1, 3, 5, 9}, 1));
  }

  @Test
  void anEmptySampleIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> Percentiles.of(new long[0]));
  }

  @Test
  void millisecondsAreShownWithOneDecimal() {
    assertEquals("12.3 ms", Percentiles.millis(12_345_678));
  }
}
