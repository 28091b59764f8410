package dev.cordon.lab.bench.controlplane;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class JmhSummaryTest {
  static final String OUTPUT =
      """
      # Run complete. Total time: 00:01:10

      Benchmark                                 (devices)  (flows)  (peers)  (rules)  Mode  Cnt    Score     Error  Units
      FlowDecisionBench.firstPacketPolicy             N/A      N/A   100000    10000  avgt    3  252.364 ± 917.136  ns/op
      FlowDecisionBench.trackerHit                    N/A      N/A   100000    10000  avgt    3   59.672 ± 227.532  ns/op
      RecompileBench.oneDeviceChanges              100000      N/A      N/A    10000  avgt    3    8.369 ±   7.474  us/op
      TableUpdateBench.revokeOrRestore                N/A        0    10000    10000  avgt    3  517.678 ± 390.860  us/op
      TableUpdateBench.revokeOrRestore                N/A        0   100000    10000  avgt    3  21316.285 ± 14125.880  us/op
      TableUpdateBench.revokeOrRestore                N/A   100000    10000    10000  avgt    3   19.816 ±   9.640  us/op
      TableUpdateBench.revokeOrRestore                N/A   100000   100000    10000  avgt    3  207.387 ±  73.787  us/op

      Benchmark result is saved to /tmp/x.json
      """;

  @Test
  void theSummaryTableIsKeptAsPrintedUpToTheBlankLine() {
    JmhSummary s = JmhSummary.parse(OUTPUT);
    assertEquals(8, s.table().size());
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
  void namedParametersPickTheRowOfABenchmarkRunWithSeveralValues() {
    JmhSummary s = JmhSummary.parse(OUTPUT);
    assertEquals(
        517_678.0,
        s.score("revokeOrRestore", Map.of("peers", "10000", "flows", "0")).orElseThrow().nanos(),
        1e-3);
    assertEquals(
        21_316_285.0,
        s.score("revokeOrRestore", Map.of("peers", "100000", "flows", "0")).orElseThrow().nanos(),
        1e-3);
    assertEquals(
        207_387.0,
        s.score("revokeOrRestore", Map.of("peers", "100000", "flows", "100000"))
            .orElseThrow()
            .nanos(),
        1e-3);
    assertTrue(s.score("revokeOrRestore", Map.of("peers", "5")).isEmpty());
    assertTrue(s.score("revokeOrRestore", Map.of("nosuch", "0")).isEmpty(), "unknown column");
  }

  @Test
  void outputWithoutASummaryGivesAnEmptyTable() {
    assertTrue(JmhSummary.parse("# Warmup Iteration 1: 3 ns/op\n").table().isEmpty());
  }
}
