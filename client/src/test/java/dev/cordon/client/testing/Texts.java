package dev.cordon.client.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Substring assertions that print the whole text on failure. */
public final class Texts {

  private Texts() {}

  public static void assertContains(String actual, String... parts) {
    for (String part : parts) {
      assertTrue(
          actual != null && actual.contains(part),
          () -> "expected to contain <" + part + "> but was:\n" + actual);
    }
  }
}
