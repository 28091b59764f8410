package dev.cordon.policy.compile;

import dev.cordon.policy.model.Action;
import dev.cordon.policy.model.Conditions;
import dev.cordon.policy.model.IpPrefix;
import dev.cordon.policy.model.PortSet;
import dev.cordon.policy.model.Protocol;
import java.util.Set;

/**
 * One rule as a gateway enforces it: the document rule resolved against one destination (a
 * service's prefix, protocol and ports, or the devices of some segments). {@code order} is the
 * rule's place in evaluation order; {@code id} is unique within a table.
 */
public record FlowRule(
    String id,
    String rule,
    int order,
    Action action,
    boolean fromAny,
    Set<String> from,
    Target target,
    Protocol protocol,
    PortSet ports,
    Conditions conditions) {

  public FlowRule {
    from = Set.copyOf(from);
  }

  /** Where a flow rule leads. */
  public sealed interface Target {}

  /** A service behind this gateway, on the service's own protocol and ports. */
  public record ServiceTarget(String service, IpPrefix prefix, Protocol protocol, PortSet ports)
      implements Target {}

  /** Devices in any of these segments, reached through this (relay) gateway. */
  public record SegmentTarget(Set<String> segments) implements Target {
    public SegmentTarget {
      segments = Set.copyOf(segments);
    }
  }
}
