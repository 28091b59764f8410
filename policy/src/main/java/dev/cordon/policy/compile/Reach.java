package dev.cordon.policy.compile;

import dev.cordon.policy.model.Action;
import dev.cordon.policy.model.IpPrefix;
import dev.cordon.policy.model.PolicyDocument;
import dev.cordon.policy.model.Rule;
import dev.cordon.policy.model.Service;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Who may talk to whom at all, from allow rules only and ignoring conditions: the superset that
 * decides tunnels and routed prefixes (the gateway enforces the rest per flow). Keys are segment
 * names plus {@link #EVERY_ACTIVE}, the pseudo-segment of {@code from: any}.
 */
final class Reach {
  static final String EVERY_ACTIVE = "*";

  /** key -> gateway -> service prefixes that key may reach. */
  final Map<String, Map<String, Set<IpPrefix>>> services = new HashMap<>();

  /** key -> keys whose devices it may exchange device-to-device flows with (symmetric). */
  final Map<String, Set<String>> partners = new HashMap<>();

  Reach(PolicyDocument doc) {
    Map<String, Service> byName = doc.servicesByName();
    for (Rule r : doc.effectiveRules()) {
      if (r.action() != Action.ALLOW) continue;
      Set<String> from = r.fromAny() ? Set.of(EVERY_ACTIVE) : r.from();
      for (String key : from) {
        for (String s : r.toServices()) {
          Service svc = byName.get(s);
          if (svc == null) continue;
          services
              .computeIfAbsent(key, k -> new HashMap<>())
              .computeIfAbsent(svc.gateway(), g -> new HashSet<>())
              .add(svc.prefix());
        }
        for (String to : r.toSegments()) {
          partners.computeIfAbsent(key, k -> new HashSet<>()).add(to);
          partners.computeIfAbsent(to, k -> new HashSet<>()).add(key);
        }
      }
    }
  }

  Set<String> partnersOf(String key) {
    return partners.getOrDefault(key, Set.of());
  }

  Map<String, Set<IpPrefix>> servicesOf(String key) {
    return services.getOrDefault(key, Map.of());
  }
}
