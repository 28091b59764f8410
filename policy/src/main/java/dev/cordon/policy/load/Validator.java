package dev.cordon.policy.load;

import dev.cordon.policy.model.Playbook;
import dev.cordon.policy.model.Protocol;
import dev.cordon.policy.model.Rule;
import dev.cordon.policy.model.Service;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.error.Mark;

/** Checks what spans sections: names, references, and how rules relate to each other. */
final class Validator {
  private final Nodes nodes;
  private final Draft d;

  Validator(Nodes nodes, Draft draft) {
    this.nodes = nodes;
    this.d = draft;
  }

  void check() {
    Map<String, Set<String>> defined = duplicates();
    references(defined);
    playbooks();
    Map<String, Service> services = new HashMap<>();
    for (Service s : d.services) services.put(s.name(), s);
    for (Rule r : d.rules) reachable(r, services);
    new RuleOverlap(nodes, d.rules, d.ruleAt).check();
  }

  /** Reports names defined twice per kind; returns the defined names per kind, in order. */
  private Map<String, Set<String>> duplicates() {
    Map<String, Set<String>> defined = new LinkedHashMap<>();
    Map<String, Mark> first = new HashMap<>();
    for (Draft.Definition def : d.definitions) {
      Set<String> names = defined.computeIfAbsent(def.kind(), k -> new LinkedHashSet<>());
      String key = def.kind() + "/" + def.name();
      if (!names.add(def.name())) {
        nodes.error(
            def.at(),
            def.kind()
                + " \""
                + def.name()
                + "\" is defined twice (first on line "
                + (first.get(key).getLine() + 1)
                + "); give each "
                + def.kind()
                + " a unique name");
      } else {
        first.put(key, def.at());
      }
    }
    return defined;
  }

  private void references(Map<String, Set<String>> defined) {
    for (Draft.Reference ref : d.references) {
      Set<String> names = defined.getOrDefault(ref.kind(), Set.of());
      if (names.contains(ref.name())) continue;
      nodes.error(
          ref.at(),
          ref.owner()
              + " refers to "
              + ref.kind()
              + " \""
              + ref.name()
              + "\", which is not defined; "
              + (names.isEmpty()
                  ? "no " + ref.kind() + "s are defined"
                  : "defined " + ref.kind() + "s: " + String.join(", ", names)));
    }
  }

  private void playbooks() {
    if (d.quarantine != null) return;
    for (Playbook p : d.playbooks) {
      if (p.response() == Playbook.Response.QUARANTINE) {
        nodes.error(
            d.playbookAt.get(p.name()),
            "playbook \""
                + p.name()
                + "\" quarantines devices but the document declares no quarantine segment; add"
                + " quarantine: {segment: <name>, reach: {services: [...]}}");
      }
    }
  }

  /** A rule whose protocol or ports share nothing with a service it names can never match it. */
  private void reachable(Rule r, Map<String, Service> services) {
    for (String name : r.toServices()) {
      Service s = services.get(name);
      if (s == null) continue;
      Protocol p = Protocol.intersect(r.protocol(), s.protocol());
      String why = null;
      if (p == null) {
        why =
            "the rule is for "
                + r.protocol().name().toLowerCase(Locale.ROOT)
                + " but the service is "
                + s.protocol().name().toLowerCase(Locale.ROOT);
      } else if (!r.ports().overlaps(s.ports())) {
        why = "the rule's ports " + r.ports() + " are not among the service's ports " + s.ports();
      }
      if (why != null) {
        nodes.error(
            d.ruleAt.get(r.name()),
            "rule \""
                + r.name()
                + "\" can never match service \""
                + name
                + "\": "
                + why
                + "; change the rule's protocol or ports, or remove the service from it");
      }
    }
  }
}
