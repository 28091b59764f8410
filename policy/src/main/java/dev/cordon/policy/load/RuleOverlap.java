package dev.cordon.policy.load;

import dev.cordon.policy.model.Action;
import dev.cordon.policy.model.Protocol;
import dev.cordon.policy.model.Rule;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.yaml.snakeyaml.error.Mark;

/**
 * Finds rules that can never decide anything, by comparing names (segment membership by labels is
 * not known here, so two differently named segments are treated as disjoint):
 *
 * <ul>
 *   <li>an allow rule covered by an unconditional deny rule can never allow: an error;
 *   <li>an allow rule covered by an earlier unconditional allow rule never decides: a warning;
 *   <li>a deny rule covered by an earlier unconditional deny rule: a warning;
 *   <li>an allow and a deny rule that partly overlap: a warning (deny wins in the overlap).
 * </ul>
 */
final class RuleOverlap {
  private final Nodes nodes;
  private final List<Rule> rules;
  private final Map<String, Mark> at;

  RuleOverlap(Nodes nodes, List<Rule> rules, Map<String, Mark> at) {
    this.nodes = nodes;
    this.rules = rules;
    this.at = at;
  }

  void check() {
    // Two rules can cover or overlap each other only if they share a destination, so each rule
    // is compared with the rules that name one of its destinations, not with every rule.
    Map<String, List<Integer>> byTarget = new HashMap<>();
    for (int i = 0; i < rules.size(); i++) {
      for (String t : targets(rules.get(i)))
        byTarget.computeIfAbsent(t, k -> new ArrayList<>()).add(i);
    }
    for (int i = 0; i < rules.size(); i++) {
      Rule a = rules.get(i);
      TreeSet<Integer> near = new TreeSet<>();
      for (String t : targets(a)) near.addAll(byTarget.get(t));
      String finding = finding(a, i, near);
      if (finding != null) continue;
      for (int j : near) {
        Rule dn = rules.get(j);
        if (a.action() == Action.ALLOW && dn.action() == Action.DENY && overlaps(a, dn)) {
          nodes.warning(
              at.get(a.name()),
              "rule \""
                  + a.name()
                  + "\" overlaps deny rule \""
                  + dn.name()
                  + "\" (line "
                  + line(dn)
                  + "); the deny wins where they overlap");
        }
      }
    }
  }

  private static List<String> targets(Rule r) {
    List<String> t = new ArrayList<>();
    r.toServices().forEach(s -> t.add("service:" + s));
    r.toSegments().forEach(s -> t.add("segment:" + s));
    return t;
  }

  /** Reports the strongest finding for rule {@code a}, or returns null when there is none. */
  private String finding(Rule a, int index, TreeSet<Integer> near) {
    if (a.action() == Action.ALLOW) {
      for (int k : near) {
        Rule dn = rules.get(k);
        if (dn.action() == Action.DENY && dn.conditions().isAlways() && covers(dn, a)) {
          String m =
              "rule \""
                  + a.name()
                  + "\" can never allow anything: deny rule \""
                  + dn.name()
                  + "\" (line "
                  + line(dn)
                  + ") matches every flow it does and deny wins; narrow or remove one of them";
          nodes.error(at.get(a.name()), m);
          return m;
        }
      }
    }
    for (int j : near.headSet(index)) {
      Rule b = rules.get(j);
      if (b.action() == a.action() && b.conditions().isAlways() && covers(b, a)) {
        String m =
            "rule \""
                + a.name()
                + "\" never decides anything: the earlier rule \""
                + b.name()
                + "\" (line "
                + line(b)
                + ") matches every flow it does; remove it or narrow \""
                + b.name()
                + "\"";
        nodes.warning(at.get(a.name()), m);
        return m;
      }
    }
    return null;
  }

  private int line(Rule r) {
    return at.get(r.name()).getLine() + 1;
  }

  /** Whether every flow {@code inner} matches is matched by {@code outer}. */
  static boolean covers(Rule outer, Rule inner) {
    boolean from = outer.fromAny() || (!inner.fromAny() && outer.from().containsAll(inner.from()));
    boolean proto = outer.protocol() == Protocol.ANY || outer.protocol() == inner.protocol();
    return from
        && proto
        && outer.toServices().containsAll(inner.toServices())
        && outer.toSegments().containsAll(inner.toSegments())
        && outer.ports().covers(inner.ports());
  }

  static boolean overlaps(Rule a, Rule b) {
    boolean from = a.fromAny() || b.fromAny() || shares(a.from(), b.from());
    boolean to = shares(a.toServices(), b.toServices()) || shares(a.toSegments(), b.toSegments());
    return from
        && to
        && Protocol.intersect(a.protocol(), b.protocol()) != null
        && a.ports().overlaps(b.ports());
  }

  private static boolean shares(Set<String> a, Set<String> b) {
    for (String x : a) if (b.contains(x)) return true;
    return false;
  }
}
