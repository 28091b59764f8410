package dev.cordon.policy.model;

import java.util.Set;

/**
 * The quarantine segment: quarantined devices belong to it and to nothing else, and it may reach
 * only the listed services and segments (deny rules still win).
 */
public record Quarantine(String segment, Set<String> services, Set<String> segments) {
  public Quarantine {
    services = Set.copyOf(services);
    segments = Set.copyOf(segments);
  }

  /** The name of the implicit allow rule that grants the quarantine segment its reach. */
  public static final String RULE_NAME = "quarantine-reach";

  public Rule asRule() {
    return new Rule(
        RULE_NAME,
        Action.ALLOW,
        false,
        Set.of(segment),
        segments,
        services,
        Protocol.ANY,
        PortSet.ANY,
        Conditions.ALWAYS);
  }
}
