package dev.cordon.controller.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class UnifiedDiffTest {
  @Test
  void equalTextsHaveAnEmptyDiff() {
    assertEquals("", UnifiedDiff.of("a", "x\ny\n", "b", "x\ny\n"));
  }

  @Test
  void oneChangedLineIsShownWithThreeLinesOfContext() {
    String older = "1\n2\n3\n4\n5\n6\n7\n8\n9\n";
    String newer = "1\n2\n3\n4\nfive\n6\n7\n8\n9\n";
    assertEquals(
        """
        --- version 1
        +++ version 2
        @@ -2,7 +2,7 @@
         2
         3
         4
        -5
        +five
         6
         7
         8
        """,
        UnifiedDiff.of("version 1", older, "version 2", newer));
  }

  @Test
  void changesFarApartGetTheirOwnHunks() {
    String older = "a\n1\n2\n3\n4\n5\n6\n7\n8\nb\n";
    String newer = "A\n1\n2\n3\n4\n5\n6\n7\n8\nB\n";
    String diff = UnifiedDiff.of("x", older, "y", newer);
    assertEquals(2, diff.lines().filter(l -> l.startsWith("@@")).count(), diff);
  }

  @Test
  void aDiffFromNothingAddsEveryLine() {
    assertEquals(
        """
        --- candidate
        +++ version 1
        @@ -0,0 +1,2 @@
        +a
        +b
        """,
        UnifiedDiff.of("candidate", "", "version 1", "a\nb\n"));
  }
}
