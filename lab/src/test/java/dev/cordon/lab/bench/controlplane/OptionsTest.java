package dev.cordon.lab.bench.controlplane;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class OptionsTest {
  @Test
  void theDefaultsAreTheIssuesSizes() {
    Options o = Options.parse();
    assertEquals(10_000, o.devices());
    assertEquals(10, o.gateways());
    assertEquals(200, o.changes(), "enough that the p99 is not simply the worst one");
    assertTrue(o.etcd());
    assertEquals(Path.of("docs/benchmarks-control-plane.md"), o.markdown());
  }

  @Test
  void valuesAndTheNoEtcdFlagAreRead() {
    Options o =
        Options.parse("--devices", "500", "--no-etcd", "--changes", "5", "--warm-up-rounds", "0");
    assertEquals(500, o.devices());
    assertEquals(5, o.changes());
    assertEquals(0, o.warmUpRounds());
    assertFalse(o.etcd());
    assertEquals(15, Options.parse().warmUpRounds());
  }

  @Test
  void unknownNamesBadNumbersAndTooSmallRunsAreRefusedWithAReason() {
    var unknown =
        assertThrows(IllegalArgumentException.class, () -> Options.parse("--devcies", "5"));
    assertTrue(unknown.getMessage().contains("--devcies"));
    var bad = assertThrows(IllegalArgumentException.class, () -> Options.parse("--devices", "x"));
    assertTrue(bad.getMessage().contains("whole number"));
    assertThrows(IllegalArgumentException.class, () -> Options.parse("--devices", "10"));
    assertThrows(IllegalArgumentException.class, () -> Options.parse("--devices"));
    var rounds =
        assertThrows(IllegalArgumentException.class, () -> Options.parse("--warm-up-rounds", "-1"));
    assertTrue(rounds.getMessage().contains("--warm-up-rounds"), rounds.getMessage());
  }
}
