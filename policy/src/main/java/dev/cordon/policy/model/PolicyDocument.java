package dev.cordon.policy.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A whole policy: gateways, segments, services, rules in document order, an optional quarantine
 * segment and playbooks. Names are unique per kind (the loader checks; the builder trusts).
 */
public record PolicyDocument(
    List<Gateway> gateways,
    List<Segment> segments,
    List<Service> services,
    List<Rule> rules,
    Optional<Quarantine> quarantine,
    List<Playbook> playbooks) {

  public PolicyDocument {
    gateways = List.copyOf(gateways);
    segments = List.copyOf(segments);
    services = List.copyOf(services);
    rules = List.copyOf(rules);
    playbooks = List.copyOf(playbooks);
  }

  /** Rules in evaluation order: the document's, then the quarantine segment's implicit reach. */
  public List<Rule> effectiveRules() {
    if (quarantine.isEmpty()) return rules;
    List<Rule> all = new ArrayList<>(rules);
    all.add(quarantine.get().asRule());
    return Collections.unmodifiableList(all);
  }

  public Optional<Service> service(String name) {
    return services.stream().filter(s -> s.name().equals(name)).findFirst();
  }

  public Map<String, Service> servicesByName() {
    Map<String, Service> m = new LinkedHashMap<>();
    for (Service s : services) m.put(s.name(), s);
    return m;
  }

  /** The gateway that relays device-to-device flows: the one marked relay, else the first. */
  public Optional<Gateway> relay() {
    return gateways.stream()
        .filter(Gateway::relay)
        .findFirst()
        .or(() -> gateways.stream().findFirst());
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Assembles a document in code, mostly for tests and generated policies. */
  public static final class Builder {
    private final List<Gateway> gateways = new ArrayList<>();
    private final List<Segment> segments = new ArrayList<>();
    private final List<Service> services = new ArrayList<>();
    private final List<Rule> rules = new ArrayList<>();
    private Quarantine quarantine;
    private final List<Playbook> playbooks = new ArrayList<>();

    public Builder gateway(String name) {
      gateways.add(new Gateway(name, false));
      return this;
    }

    public Builder gateway(Gateway g) {
      gateways.add(g);
      return this;
    }

    public Builder segment(Segment s) {
      segments.add(s);
      return this;
    }

    public Builder service(Service s) {
      services.add(s);
      return this;
    }

    public Builder rule(Rule r) {
      rules.add(r);
      return this;
    }

    public Builder rule(Rule.Builder r) {
      return rule(r.build());
    }

    public Builder quarantine(Quarantine q) {
      quarantine = q;
      return this;
    }

    public Builder playbook(Playbook p) {
      playbooks.add(p);
      return this;
    }

    public PolicyDocument build() {
      return new PolicyDocument(
          gateways, segments, services, rules, Optional.ofNullable(quarantine), playbooks);
    }
  }
}
