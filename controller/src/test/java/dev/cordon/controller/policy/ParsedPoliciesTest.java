package dev.cordon.controller.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.cordon.controller.tables.TestFleet;
import dev.cordon.policy.load.PolicyLoader;
import dev.cordon.policy.model.PolicyDocument;
import org.junit.jupiter.api.Test;

/** One parse of a source serves apply, the table feed and the next diff; never another source. */
class ParsedPoliciesTest {

  @Test
  void aSourceParsedOnceIsServedAgainAndEqualsAFreshParse() {
    String source = TestFleet.POLICY + "# parsed once " + System.nanoTime() + "\n";
    PolicyDocument first = ParsedPolicies.parse(source);
    assertSame(first, ParsedPolicies.parse(source));
    assertEquals(PolicyLoader.load(source).orThrow(), first);
  }

  @Test
  void anotherSourceGetsItsOwnDocument() {
    String one = TestFleet.POLICY + "# one " + System.nanoTime() + "\n";
    String other = TestFleet.POLICY.replace("patch", "update") + "# other\n";
    PolicyDocument a = ParsedPolicies.parse(one);
    PolicyDocument b = ParsedPolicies.parse(other);
    assertNotSame(a, b);
    assertEquals(PolicyLoader.load(other).orThrow(), b);
  }

  @Test
  void onlyTheLastFewAreKeptSoAnOldSourceIsParsedAfresh() {
    String old = TestFleet.POLICY + "# old " + System.nanoTime() + "\n";
    PolicyDocument first = ParsedPolicies.parse(old);
    for (int i = 0; i < 5; i++) {
      ParsedPolicies.parse(TestFleet.POLICY + "# newer " + i + " " + System.nanoTime() + "\n");
    }
    PolicyDocument again = ParsedPolicies.parse(old);
    assertNotSame(first, again);
    assertEquals(first, again);
  }

  @Test
  void anInvalidSourceIsRefusedAndNotRemembered() {
    String bad = "segments: [not, a, policy\n";
    assertThrows(RuntimeException.class, () -> ParsedPolicies.parse(bad));
    assertThrows(RuntimeException.class, () -> ParsedPolicies.parse(bad));
  }
}
