package dev.cordon.lab.bench.controlplane;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ReportTest {
  private static final Percentiles FAST = Percentiles.of(new long[] {40_000_000, 60_000_000});
  private static final Percentiles SLOW = Percentiles.of(new long[] {90_000_000, 150_000_000});

  private static Report.Inputs inputs(Enroller.Run sqlite, Enroller.Run etcd, WatchRun watch) {
    return inputs(java.util.List.of(), sqlite, etcd, watch);
  }

  private static Report.Inputs inputs(
      java.util.List<JitWarmUp.Round> warmUp,
      Enroller.Run sqlite,
      Enroller.Run etcd,
      WatchRun watch) {
    return new Report.Inputs(
        Options.parse(),
        warmUp,
        sqlite,
        etcd,
        watch,
        JmhSummary.parse(JmhSummaryTest.OUTPUT),
        "footprint: 100000 peers, 10000 rules: 114.1 MiB of heap after GC (1197 bytes per peer);"
            + " target < 1024 MiB: met",
        "test machine");
  }

  @Test
  void eachFigureIsJudgedAgainstItsTarget() {
    String md =
        Report.render(
            inputs(
                new Enroller.Run(1200, 0, 1.0, FAST, null, 0.01),
                new Enroller.Run(150, 0, 1.0, FAST, null, 0.0),
                new WatchRun(10, 10_000, 50, 0, SLOW, FAST, FAST)));
    assertTrue(md.contains("| Flow decision, tracker hit | < 100 ns | 60 ns | met |"), md);
    assertTrue(md.contains("| First-packet policy evaluation | < 2.00 µs | 252 ns | met |"), md);
    assertTrue(md.contains("| 8.37 µs | met |"), md);
    assertTrue(md.contains("(10,000 peers, 10,000 rules) | < 10.00 ms | 517.68 µs | met |"), md);
    assertTrue(
        md.contains("(100,000 peers, 10,000 rules) | < 10.00 ms | 21.32 ms | **not met** |"), md);
    assertTrue(md.contains("| 114.1 MiB | met |"), md);
    assertTrue(md.contains("| Enrollments/s, embedded store | >= 1,000 | 1,200 | met |"), md);
    assertTrue(md.contains("| Enrollments/s, 3-member etcd | >= 200 | 150 | **not met** |"), md);
    assertTrue(md.contains("| < 100 ms | 150.0 ms | **not met** |"), md);
  }

  @Test
  void failedEnrollmentsAndTimeoutsAreNeverMet() {
    String md =
        Report.render(
            inputs(
                new Enroller.Run(5000, 1, 1.0, FAST, "UNAVAILABLE", 0.0),
                null,
                new WatchRun(10, 10_000, 50, 1, FAST, FAST, FAST)));
    assertTrue(md.contains("| 5,000 | **not met** |"), md);
    assertTrue(md.contains("First error: UNAVAILABLE"), md);
    assertTrue(md.contains("| Enrollments/s, 3-member etcd | >= 200 | not run | - |"), md);
    assertTrue(md.contains("| < 100 ms | 60.0 ms | **not met** |"), md);
  }

  @Test
  void theWarmUpRoundsAndTheCompilingDuringTimedRunsAreReported() {
    var rounds =
        java.util.List.of(
            new JitWarmUp.Round(1000, 2.0, 0.62), new JitWarmUp.Round(1000, 1.0, 0.03));
    String md =
        Report.render(inputs(rounds, new Enroller.Run(1200, 0, 1.0, FAST, null, 0.07), null, null));
    assertTrue(md.contains("500 (62%), 1000 (3%)."), md);
    assertTrue(md.contains("the JIT compilers took 7% of the run"), md);
    String noisy =
        Report.render(
            inputs(java.util.List.of(new JitWarmUp.Round(1000, 1.0, 0.4)), null, null, null));
    assertTrue(noisy.contains("1000 (40%); the compilers never went quiet."), noisy);
    String none = Report.render(inputs(null, null, null));
    assertTrue(none.contains("No JIT warm-up was run (--warm-up-rounds 0)."), none);
  }

  @Test
  void theReproduceCommandsAreInTheDocument() {
    String md = Report.render(inputs(null, null, null));
    assertTrue(md.contains(Report.JMH_COMMAND));
    assertTrue(md.contains(Report.FOOTPRINT_COMMAND));
    assertTrue(md.contains(Report.BENCH_COMMAND));
    assertTrue(md.contains("the load average above says how busy it was"));
  }
}
