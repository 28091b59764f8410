package dev.cordon.policy.eval;

import dev.cordon.policy.model.Action;
import dev.cordon.policy.model.Gateway;
import dev.cordon.policy.model.PolicyDocument;
import dev.cordon.policy.model.PortSet;
import dev.cordon.policy.model.Protocol;
import dev.cordon.policy.model.Rule;
import dev.cordon.policy.model.Service;
import dev.cordon.policy.registry.DeviceRecord;
import dev.cordon.policy.registry.DeviceStatus;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The reference evaluator: walks every rule in document order for each question. Slow on purpose
 * and simple enough to read against the README; the controller answers what-if queries with it and
 * the compiled evaluator is tested against it. Evaluation order is in the package docs.
 */
public final class PolicyEvaluator {
  private final PolicyDocument doc;
  private final Map<String, DeviceRecord> devices = new HashMap<>();
  private final List<Rule> rules;

  public PolicyEvaluator(PolicyDocument doc, Collection<DeviceRecord> registry) {
    this.doc = doc;
    for (DeviceRecord d : registry) devices.put(d.id(), d);
    this.rules = doc.effectiveRules();
  }

  /** Answers the question and names the deciding rule or the default-deny reason. */
  public Decision decide(FlowQuery q) {
    DeviceRecord src = q.source();
    if (src == null) return Decision.defaultDeny(DenyReason.UNKNOWN_SOURCE);
    if (src.status() == DeviceStatus.REVOKED) return Decision.defaultDeny(DenyReason.REVOKED);
    if (src.status() == DeviceStatus.PENDING) {
      return Decision.defaultDeny(DenyReason.PENDING_APPROVAL);
    }
    List<Service> services = new ArrayList<>();
    List<Set<String>> deviceSegments = new ArrayList<>();
    resolve(q, services, deviceSegments);
    Set<String> srcSegments = Membership.segmentsOf(doc, src);

    Rule firstDeny = null, firstAllow = null, firstFailed = null;
    DenyReason failure = null;
    for (Rule r : rules) {
      if (!fromMatches(r, src, srcSegments)) continue;
      if (!targets(r, services, deviceSegments, q.ipProto(), q.port())) continue;
      DenyReason f =
          ConditionCheck.firstFailure(r.conditions(), src.posture(), src.site(), q.epochMillis());
      if (r.action() == Action.DENY) {
        if (f == null && firstDeny == null) firstDeny = r;
      } else if (f == null) {
        if (firstAllow == null) firstAllow = r;
      } else if (firstFailed == null) {
        firstFailed = r;
        failure = f;
      }
    }
    if (firstDeny != null) return Decision.deny(DenyReason.EXPLICIT_DENY, firstDeny.name());
    if (firstAllow != null) return Decision.allow(firstAllow.name());
    if (src.status() == DeviceStatus.QUARANTINED) {
      return Decision.defaultDeny(DenyReason.QUARANTINED);
    }
    if (firstFailed != null) return Decision.deny(failure, firstFailed.name());
    if (services.isEmpty() && deviceSegments.isEmpty()) {
      return Decision.defaultDeny(DenyReason.UNKNOWN_DESTINATION);
    }
    return Decision.defaultDeny(DenyReason.NO_MATCHING_RULE);
  }

  /** Fills in the services and the destination devices' segment sets the question addresses. */
  private void resolve(FlowQuery q, List<Service> services, List<Set<String>> deviceSegments) {
    boolean relayHere =
        q.gateway() == null
            || doc.relay().map(Gateway::name).filter(q.gateway()::equals).isPresent();
    switch (q.destination()) {
      case FlowQuery.ToService(String name) ->
          doc.service(name).filter(s -> inScope(s, q.gateway())).ifPresent(services::add);
      case FlowQuery.ToDevice(String id) -> {
        DeviceRecord d = devices.get(id);
        if (relayHere && d != null && d.status().authorized()) {
          deviceSegments.add(Membership.segmentsOf(doc, d));
        }
      }
      case FlowQuery.ToAddress(var a) -> {
        for (Service s : doc.services()) {
          if (inScope(s, q.gateway()) && s.prefix().contains(a)) services.add(s);
        }
        if (relayHere) {
          for (DeviceRecord d : devices.values()) {
            if (d.status().authorized() && a.equals(d.overlayAddress())) {
              deviceSegments.add(Membership.segmentsOf(doc, d));
            }
          }
        }
      }
    }
  }

  /**
   * {@code from: any} in an allow rule means every active device (a quarantined one reaches only
   * what quarantine grants); in a deny rule it means every device, quarantined ones included.
   */
  private static boolean fromMatches(Rule r, DeviceRecord src, Set<String> srcSegments) {
    if (r.fromAny()) return r.action() == Action.DENY || src.status() != DeviceStatus.QUARANTINED;
    return intersects(r.from(), srcSegments);
  }

  private static boolean inScope(Service s, String gateway) {
    return gateway == null || gateway.equals(s.gateway());
  }

  private boolean targets(
      Rule r, List<Service> services, List<Set<String>> deviceSegments, int proto, int port) {
    for (Service s : services) {
      if (r.toServices().contains(s.name())
          && flowMatches(s.protocol(), s.ports(), proto, port)
          && flowMatches(r.protocol(), r.ports(), proto, port)) {
        return true;
      }
    }
    for (Set<String> segs : deviceSegments) {
      if (intersects(r.toSegments(), segs) && flowMatches(r.protocol(), r.ports(), proto, port)) {
        return true;
      }
    }
    return false;
  }

  /** Ports constrain only port-carrying flows; a listed port set never matches ICMP. */
  public static boolean flowMatches(Protocol p, PortSet ports, int ipProto, int port) {
    if (!p.matches(ipProto)) return false;
    if (ports.isAny()) return true;
    return Protocol.hasPorts(ipProto) && ports.contains(port);
  }

  private static boolean intersects(Set<String> a, Set<String> b) {
    for (String x : a) if (b.contains(x)) return true;
    return false;
  }
}
