package dev.cordon.lab.bench.controlplane;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class JmhSummaryTest {
  static final String OUTPUT =
      """
      # Run complete. Total time: 00:01:10

      Benchmark                                           (devices)  (peers)  (rules)  Mode  Cnt    Score     Error  Units
      FlowDecisionBench.firstPacketPolicy                       N/A   100000    10000  avgt    3  252.364 ± 917.136  ns/op
      FlowDecisionBench.trackerHit                              N/A   100000    10000  avgt    3   59.672 ± 227.532  ns/op
      RecompileBench.oneDeviceChanges                        100000      N/A    10000  avgt    3    8.369 ±   7.474  us/op

      Benchmark result is saved to /tmp/x.json
      """;

  @Test
  void theSummaryTableIsKeptAsPrintedUpToTheBlankLine() {
    JmhSummary s = JmhSummary.parse(OUTPUT);
    assertEquals(4, s.table().size());
    assertTrue(s.table().getFirst().startsWith("Benchmark "));
  }

  @Test
  void aScoreIsReadFromTheColumnAfterTheCountAndConvertedToNanoseconds() {
    JmhSummary s = JmhSummary.parse(OUTPUT);
    assertEquals(59.672, s.score("trackerHit").orElseThrow().nanos(), 1e-9);
    assertEquals(8369.0, s.score("RecompileBench.oneDeviceChanges").orElseThrow().nanos(), 1e-6);
    assertTrue(s.score("noSuchBench").isEmpty());
  }

  @Test
  void outputWithoutASummaryGivesAnEmptyTable() {
    assertTrue(JmhSummary.parse("# Warmup Iteration 1: 3 ns/op\n").table().isEmpty());
  }
}
