package dev.cordon.policy.compile;

import dev.cordon.policy.model.Gateway;
import dev.cordon.policy.model.PolicyDocument;
import dev.cordon.policy.model.Rule;
import dev.cordon.policy.model.Service;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Resolves the document's rules (quarantine reach included) into each gateway's flow rules: one per
 * rule and service behind that gateway, and one per rule naming segments on the relay gateway.
 * These depend on the document only, never on devices.
 */
final class RuleCompiler {
  private RuleCompiler() {}

  static Map<String, List<FlowRule>> compile(PolicyDocument doc) {
    Map<String, List<FlowRule>> out = new LinkedHashMap<>();
    for (Gateway g : doc.gateways()) out.put(g.name(), new ArrayList<>());
    Map<String, Service> services = doc.servicesByName();
    Optional<String> relay = doc.relay().map(Gateway::name);
    List<Rule> rules = doc.effectiveRules();
    for (int order = 0; order < rules.size(); order++) {
      Rule r = rules.get(order);
      for (String name : r.toServices()) {
        Service s = services.get(name);
        List<FlowRule> table = s == null ? null : out.get(s.gateway());
        if (table == null) continue;
        FlowRule.Target t =
            new FlowRule.ServiceTarget(s.name(), s.prefix(), s.protocol(), s.ports());
        table.add(flowRule(r, order, r.name() + "->service:" + s.name(), t));
      }
      if (!r.toSegments().isEmpty() && relay.isPresent()) {
        FlowRule.Target t = new FlowRule.SegmentTarget(r.toSegments());
        out.get(relay.get()).add(flowRule(r, order, r.name() + "->segments", t));
      }
    }
    return out;
  }

  private static FlowRule flowRule(Rule r, int order, String id, FlowRule.Target t) {
    return new FlowRule(
        id,
        r.name(),
        order,
        r.action(),
        r.fromAny(),
        r.from(),
        t,
        r.protocol(),
        r.ports(),
        r.conditions());
  }
}
