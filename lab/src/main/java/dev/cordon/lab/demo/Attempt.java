package dev.cordon.lab.demo;

import dev.cordon.lab.Result;

/** What a real connection attempt did: reached the service (echoed), or how it failed. */
public record Attempt(boolean reached, String detail) {

  /** Reads what the probe (see {@link DemoDevice#attempt}) printed and how it exited. */
  static Attempt of(Result probe) {
    String out = (probe.stdout() + probe.stderr()).strip();
    if (probe.ok() && out.startsWith("echoed bytes=")) {
      return new Attempt(true, "connected, echo ok");
    }
    String lower = out.toLowerCase(java.util.Locale.ROOT);
    if (lower.contains("network is unreachable") || lower.contains("no route")) {
      return new Attempt(false, "no route on the device");
    }
    if (probe.exitCode() == 124 || lower.contains("timed out")) {
      return new Attempt(false, "timed out (dropped)");
    }
    if (probe.exitCode() == 4) {
      return new Attempt(false, "connected, but no echo");
    }
    if (lower.contains("refused")) {
      return new Attempt(false, "connection refused");
    }
    String first = out.lines().findFirst().orElse("exit " + probe.exitCode());
    return new Attempt(false, first.length() > 40 ? first.substring(0, 40) : first);
  }
}
