package dev.cordon.policy.model;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One allow or deny rule. {@code fromAny} matches every device (quarantined ones included);
 * otherwise the source must be in one of {@code from}. The destination is any listed service (on
 * the service's protocol and ports, narrowed by this rule's) or any device in a listed segment.
 */
public record Rule(
    String name,
    Action action,
    boolean fromAny,
    Set<String> from,
    Set<String> toSegments,
    Set<String> toServices,
    Protocol protocol,
    PortSet ports,
    Conditions conditions) {

  public Rule {
    from = Set.copyOf(from);
    toSegments = Set.copyOf(toSegments);
    toServices = Set.copyOf(toServices);
  }

  public static Builder allow(String name) {
    return new Builder(name, Action.ALLOW);
  }

  public static Builder deny(String name) {
    return new Builder(name, Action.DENY);
  }

  /** Builds a rule so a test or caller reads as intent rather than as positional arguments. */
  public static final class Builder {
    private final String name;
    private final Action action;
    private boolean fromAny;
    private final Set<String> from = new LinkedHashSet<>();
    private final Set<String> toSegments = new LinkedHashSet<>();
    private final Set<String> toServices = new LinkedHashSet<>();
    private Protocol protocol = Protocol.ANY;
    private final List<PortRange> ports = new ArrayList<>();
    private PostureCondition posture;
    private final List<TimeWindow> windows = new ArrayList<>();
    private final Set<String> sites = new LinkedHashSet<>();

    private Builder(String name, Action action) {
      this.name = name;
      this.action = action;
    }

    public Builder fromAny() {
      fromAny = true;
      return this;
    }

    public Builder from(String... segments) {
      from.addAll(List.of(segments));
      return this;
    }

    public Builder toSegments(String... segments) {
      toSegments.addAll(List.of(segments));
      return this;
    }

    public Builder toServices(String... services) {
      toServices.addAll(List.of(services));
      return this;
    }

    public Builder protocol(Protocol p) {
      protocol = p;
      return this;
    }

    public Builder ports(PortRange... ranges) {
      ports.addAll(List.of(ranges));
      return this;
    }

    public Builder port(int port) {
      ports.add(PortRange.of(port));
      return this;
    }

    public Builder posture(PostureCondition p) {
      posture = p;
      return this;
    }

    public Builder window(TimeWindow w) {
      windows.add(w);
      return this;
    }

    public Builder sites(String... s) {
      sites.addAll(List.of(s));
      return this;
    }

    public Rule build() {
      return new Rule(
          name,
          action,
          fromAny,
          from,
          toSegments,
          toServices,
          protocol,
          new PortSet(ports),
          new Conditions(posture, windows, sites));
    }
  }
}
