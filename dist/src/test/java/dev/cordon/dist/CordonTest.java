package dev.cordon.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class CordonTest {

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    return Cordon.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
  }

  @Test
  void helpNamesTheCommandAndExitsZero() {
    assertEquals(0, run("--help"));
    assertTrue(out.toString().startsWith("Usage: cordon "), out.toString());
    assertEquals("", err.toString());
  }

  @Test
  void anUnknownVerbIsAUsageErrorOnStderr() {
    assertEquals(2, run("frobnicate"));
    assertTrue(
        err.toString().contains("Unmatched argument at index 0: 'frobnicate'"), err.toString());
    assertEquals("", out.toString());
  }

  @Test
  void versionReportsTheRuntime() {
    assertEquals(0, run("--version"));
    assertTrue(out.toString().contains("java " + Runtime.version()), out.toString());
  }

  @Test
  void everyVerbOfTheClientIsReachableFromTheRoot() {
    assertEquals(0, run("--help"));
    for (String verb :
        new String[] {
          "controller", "enroll", "up", "status", "token", "device", "policy", "audit"
        }) {
      assertTrue(out.toString().contains("  " + verb + " "), verb + " missing from:\n" + out);
    }
  }

  @Test
  void gatewayOffersTheDaemonsStatusAndTheAdministratorsVerbsTogether() {
    assertEquals(0, run("gateway", "--help"));
    for (String verb : new String[] {"status", "list", "show"}) {
      assertTrue(out.toString().contains("  " + verb + " "), verb + " missing from:\n" + out);
    }
  }
}
