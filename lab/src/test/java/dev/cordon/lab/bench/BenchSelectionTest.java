package dev.cordon.lab.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;

class BenchSelectionTest {
  @Test
  void withoutOnlyEveryGroupRuns() {
    assertEquals(Set.copyOf(Bench.GROUPS), Bench.groups(null));
  }

  @Test
  void latencyStandsForBothLatencyGroupsAndNamesMayCarrySpaces() {
    assertEquals(
        Set.of("latency-idle", "latency-load", "handshakes"), Bench.groups("latency, handshakes"));
  }

  @Test
  void anUnknownGroupIsRefusedWithTheKnownOnesRatherThanRunningNothing() {
    var e = assertThrows(IllegalArgumentException.class, () -> Bench.groups("latency,tpc"));
    assertTrue(e.getMessage().contains("'tpc'"), e.getMessage());
    assertTrue(e.getMessage().contains("small-packets"), e.getMessage());
  }

  @Test
  void voluntarySwitchesAreReadFromTheirOwnStatusLineNotTheNonvoluntaryOne() {
    String status =
        "Name:\tcordon-worker-1\nState:\tS (sleeping)\n"
            + "voluntary_ctxt_switches:\t1234\nnonvoluntary_ctxt_switches:\t56\n";
    assertEquals(1234, ProcStat.parseVoluntarySwitches(status));
  }

  @Test
  void aStatusWithoutTheSwitchLineIsAnError() {
    assertThrows(
        IllegalArgumentException.class, () -> ProcStat.parseVoluntarySwitches("Name:\tx\n"));
  }
}
