package dev.cordon.lab.demo;

import dev.cordon.lab.Result;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The answer of {@code cordon policy test}: its first line reads "ALLOW by rule R at policy version
 * V" or "DENY [by rule R] (reason) at policy version V"; exit 0 means allowed, 14 denied.
 */
record WhatIf(boolean allowed, String rule, String reason) {
  private static final Pattern LINE =
      Pattern.compile("^(ALLOW|DENY)(?: by rule (\\S+))?(?: \\(([^)]+)\\))? at policy version");

  static WhatIf parse(Result r) {
    String first = r.stdout().strip().lines().findFirst().orElse("");
    Matcher m = LINE.matcher(first);
    if (!m.find() || (r.exitCode() != 0 && r.exitCode() != 14)) {
      return new WhatIf(
          false, "", "unreadable answer: exit " + r.exitCode() + " " + first + r.stderr());
    }
    return new WhatIf(
        m.group(1).equals("ALLOW"),
        m.group(2) == null ? "" : m.group(2),
        m.group(3) == null ? "" : m.group(3));
  }

  /** The rule, the reason, or both: "nobody-to-hr (deny_rule)". */
  String because() {
    if (rule.isEmpty()) {
      return reason;
    }
    return reason.isEmpty() ? rule : rule + " (" + reason + ")";
  }
}
