package dev.cordon.lab.demo;

import java.util.List;

/** One attempted flow: what policy says (what-if) and what the connection did. */
record FlowRow(DemoDevice device, Service service, WhatIf whatIf, Attempt attempt) {

  /** A flow to try. */
  record Key(DemoDevice device, Service service) {}

  boolean agrees() {
    return whatIf.allowed() == attempt.reached();
  }

  static final String FORMAT = "  %-13s %-20s %-6s %-48s %-8s %-26s %s%n";

  /** The table, one line per flow, columns separated by at least two spaces. */
  static String table(List<FlowRow> rows) {
    var out = new StringBuilder();
    out.append(
        String.format(
            FORMAT,
            "DEVICE",
            "-> SERVICE:PORT",
            "POLICY",
            "RULE / DENY REASON",
            "ACTUAL",
            "HOW",
            "AGREE"));
    for (FlowRow r : rows) {
      out.append(
          String.format(
              FORMAT,
              r.device.name(),
              "-> " + r.service.label(),
              r.whatIf.allowed() ? "ALLOW" : "DENY",
              r.whatIf.because(),
              r.attempt.reached() ? "allowed" : "denied",
              r.attempt.detail(),
              r.agrees() ? "yes" : "MISMATCH"));
    }
    return out.toString();
  }
}
