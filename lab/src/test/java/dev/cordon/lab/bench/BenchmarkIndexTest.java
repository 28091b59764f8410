package dev.cordon.lab.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * docs/benchmarks.md carries the targets of the gateway and control-plane reports: their first
 * tables, between markers that a later run replaces, never duplicates.
 */
class BenchmarkIndexTest {
  private static final String PAGE =
      "# Benchmarks\n\n## Ratios\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n## Raw numbers\n\n| r |\n";
  private static final String REPORT =
      "# Gateway benchmarks\n\nRun 2026-11-22T10:14:00Z; load 0.5.\n\n"
          + "| measure | result | target | met |\n|---|---|---|---|\n| revocation | 4.7 ms | < 10 ms | yes |\n"
          + "\nText after.\n\n| second | table |\n";
  private static final BenchmarkIndex.Report GATEWAY = BenchmarkIndex.REPORTS.getFirst();

  @Test
  void onlyTheFirstTableOfAReportIsTaken() {
    assertEquals(
        List.of(
            "| measure | result | target | met |",
            "|---|---|---|---|",
            "| revocation | 4.7 ms | < 10 ms | yes |"),
        BenchmarkIndex.firstTable(REPORT));
  }

  @Test
  void aReportsSectionLinksItSaysWhenItRanAndHowToRunItAgain() {
    String s = BenchmarkIndex.section(GATEWAY, REPORT);
    assertTrue(s.contains("[benchmarks-gateway.md](benchmarks-gateway.md)"), s);
    assertTrue(s.contains("run 2026-11-22 10:14 UTC"), s);
    assertTrue(s.contains("`sudo make bench-gateway`"), s);
    assertTrue(s.contains("| revocation | 4.7 ms | < 10 ms | yes |"), s);
    assertFalse(s.contains("| second | table |"), s);
  }

  @Test
  void aMissingReportIsNamedWithTheCommandThatWritesIt() {
    String s = BenchmarkIndex.section(GATEWAY, null);
    assertTrue(s.contains("Not measured yet: `sudo make bench-gateway`"), s);
  }

  @Test
  void theSectionGoesBeforeTheRawNumbersAndASecondRunReplacesIt() {
    String once = BenchmarkIndex.withSection(PAGE, "first body\n");
    assertTrue(once.indexOf(BenchmarkIndex.BEGIN) < once.indexOf("## Raw numbers"), once);
    assertTrue(once.indexOf("| 1 | 2 |") < once.indexOf(BenchmarkIndex.BEGIN), once);

    String twice = BenchmarkIndex.withSection(once, "second body\n");
    assertFalse(twice.contains("first body"), twice);
    assertTrue(twice.contains("second body"), twice);
    assertEquals(1, twice.split(BenchmarkIndex.BEGIN, -1).length - 1, "one section, not two");
    assertEquals(BenchmarkIndex.withSection(PAGE, "second body\n"), twice);
  }

  @Test
  void aPageWithoutRawNumbersGetsTheSectionAtItsEnd() {
    String page = "# Benchmarks\n\nnothing yet\n";
    String out = BenchmarkIndex.withSection(page, "body\n");
    assertTrue(out.startsWith(page), out);
    assertTrue(out.endsWith(BenchmarkIndex.END + "\n"), out);
  }
}
