package dev.cordon.controller.tables;

import dev.cordon.policy.compile.FlowRule;
import dev.cordon.policy.model.Action;
import dev.cordon.policy.model.PostureCondition;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The part of a gateway's rules that a peer's unmet conditions are derived from: the allow rules
 * carrying a posture or site condition, with who they concern. When this part is the same before
 * and after a rule change, no peer's unmet conditions change, so the peers need not be re-sent (a
 * rule-only change, such as new ports, then costs rules, not every peer).
 */
final class UnmetBasis {
  private UnmetBasis() {}

  private record Entry(
      String id, boolean fromAny, Set<String> from, PostureCondition posture, Set<String> sites) {}

  /** Whether every peer's unmet conditions are the same under {@code before} and {@code after}. */
  static boolean same(List<FlowRule> before, List<FlowRule> after) {
    return of(before).equals(of(after));
  }

  private static List<Entry> of(List<FlowRule> rules) {
    List<Entry> out = new ArrayList<>();
    for (FlowRule r : rules) {
      var c = r.conditions();
      if (r.action() != Action.ALLOW || (c.posture() == null && c.sites().isEmpty())) continue;
      out.add(new Entry(r.id(), r.fromAny(), r.from(), c.posture(), c.sites()));
    }
    return out;
  }
}
