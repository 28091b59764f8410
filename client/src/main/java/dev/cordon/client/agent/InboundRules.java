package dev.cordon.client.agent;

import dev.cordon.policy.eval.Decision;
import dev.cordon.policy.eval.DenyReason;
import dev.cordon.policy.model.IpAddress;
import dev.cordon.policy.model.IpPrefix;
import dev.cordon.policy.model.PortRange;
import dev.cordon.policy.model.Protocol;
import dev.cordon.policy.model.TimeWindow;
import dev.cordon.proto.v1.FlowRule;
import dev.cordon.proto.v1.Verdict;
import java.time.DayOfWeek;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The device's inbound rules, compiled from its table, and their evaluation for one packet.
 *
 * <p>Order: a matching deny rule wins; else the first matching allow rule in table order allows;
 * else, if an allow rule matched but was outside its time windows, the flow is denied for the time
 * window; else the default deny. A rule with no {@code from_prefixes} and no {@code from_segments}
 * matches every sender; one with segments but no prefixes (segments the controller resolved to
 * nobody) matches none.
 *
 * <p>Damaged parts of a rule never widen access: an unreadable prefix or window is dropped from an
 * allow rule (it then matches less) but makes a deny rule match more (as if absent).
 */
public final class InboundRules {

  /** One compiled rule; null lists mean "any". */
  record Rule(
      String id,
      boolean allow,
      List<IpPrefix> from,
      List<IpPrefix> to,
      Protocol protocol,
      List<PortRange> ports,
      List<TimeWindow> windows) {}

  public static final InboundRules NONE = new InboundRules(List.of());

  private final List<Rule> rules;

  private InboundRules(List<Rule> rules) {
    this.rules = List.copyOf(rules);
  }

  public static InboundRules compile(List<FlowRule> rules) {
    List<Rule> compiled = new ArrayList<>();
    for (FlowRule rule : rules) {
      if (rule.getAction() == Verdict.VERDICT_ALLOW || rule.getAction() == Verdict.VERDICT_DENY) {
        compiled.add(compile(rule));
      }
    }
    return new InboundRules(compiled);
  }

  public int size() {
    return rules.size();
  }

  /** The decision for a packet that starts a flow, at {@code nowMillis}. */
  public Decision evaluate(InnerPacket packet, long nowMillis) {
    String outsideWindow = null;
    String allowedBy = null;
    for (Rule rule : rules) {
      if (!matches(rule, packet)) {
        continue;
      }
      boolean inWindow = inWindow(rule, nowMillis);
      if (!rule.allow() && inWindow) {
        return Decision.deny(DenyReason.EXPLICIT_DENY, rule.id());
      }
      if (rule.allow() && inWindow && allowedBy == null) {
        allowedBy = rule.id();
      } else if (rule.allow() && !inWindow && outsideWindow == null) {
        outsideWindow = rule.id();
      }
    }
    if (allowedBy != null) {
      return Decision.allow(allowedBy);
    }
    return outsideWindow != null
        ? Decision.deny(DenyReason.OUTSIDE_TIME_WINDOW, outsideWindow)
        : Decision.defaultDeny(DenyReason.NO_MATCHING_RULE);
  }

  private static boolean matches(Rule rule, InnerPacket p) {
    return anyContains(rule.from(), p.source())
        && anyContains(rule.to(), p.destination())
        && rule.protocol().matches(p.ipProto())
        && portMatches(rule.ports(), p);
  }

  private static boolean anyContains(List<IpPrefix> prefixes, IpAddress address) {
    if (prefixes == null) {
      return true;
    }
    for (IpPrefix prefix : prefixes) {
      if (prefix.contains(address)) {
        return true;
      }
    }
    return false;
  }

  private static boolean portMatches(List<PortRange> ports, InnerPacket p) {
    if (ports == null) {
      return true;
    }
    if (!Protocol.hasPorts(p.ipProto())) {
      return false;
    }
    for (PortRange range : ports) {
      if (range.contains(p.destinationPort())) {
        return true;
      }
    }
    return false;
  }

  private static boolean inWindow(Rule rule, long nowMillis) {
    if (rule.windows() == null) {
      return true;
    }
    for (TimeWindow window : rule.windows()) {
      if (window.contains(nowMillis)) {
        return true;
      }
    }
    return false;
  }

  private static Rule compile(FlowRule rule) {
    boolean allow = rule.getAction() == Verdict.VERDICT_ALLOW;
    List<IpPrefix> from;
    if (rule.getFromPrefixesCount() > 0) {
      from = prefixes(rule.getFromPrefixesList(), allow);
    } else {
      // Segments the controller resolved to no prefixes have no members: nobody matches.
      from = rule.getFromSegmentsCount() > 0 ? List.of() : null;
    }
    List<IpPrefix> to =
        rule.getToPrefixesCount() == 0 ? null : prefixes(rule.getToPrefixesList(), allow);
    List<PortRange> ports = rule.getPortsCount() == 0 ? null : ports(rule, allow);
    List<TimeWindow> windows = rule.getTimeWindowsCount() == 0 ? null : windows(rule, allow);
    return new Rule(rule.getRuleId(), allow, from, to, protocol(rule), ports, windows);
  }

  /** Readable prefixes; for a deny rule with an unreadable one, null ("any"). */
  private static List<IpPrefix> prefixes(List<dev.cordon.proto.v1.IpPrefix> raw, boolean allow) {
    List<IpPrefix> out = new ArrayList<>();
    for (dev.cordon.proto.v1.IpPrefix p : raw) {
      try {
        IpAddress address = IpAddress.of(p.getOctets().toByteArray());
        out.add(new IpPrefix(address, p.getLength()));
      } catch (IllegalArgumentException e) {
        if (!allow) {
          return null;
        }
      }
    }
    return out;
  }

  private static List<PortRange> ports(FlowRule rule, boolean allow) {
    List<PortRange> out = new ArrayList<>();
    for (var range : rule.getPortsList()) {
      try {
        out.add(new PortRange(range.getFirst(), range.getLast()));
      } catch (IllegalArgumentException e) {
        if (!allow) {
          return null;
        }
      }
    }
    return out;
  }

  private static List<TimeWindow> windows(FlowRule rule, boolean allow) {
    List<TimeWindow> out = new ArrayList<>();
    for (var window : rule.getTimeWindowsList()) {
      try {
        out.add(window(window));
      } catch (RuntimeException e) {
        if (!allow) {
          return null;
        }
      }
    }
    return out;
  }

  private static TimeWindow window(dev.cordon.proto.v1.TimeWindow w) {
    Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
    for (int day : w.getDaysList()) {
      days.add(DayOfWeek.of(day));
    }
    if (days.isEmpty()) {
      days = EnumSet.allOf(DayOfWeek.class);
    }
    ZoneId zone = w.getTimeZone().isEmpty() ? ZoneOffset.UTC : ZoneId.of(w.getTimeZone());
    return new TimeWindow(zone, days, w.getStartMinute(), w.getEndMinute());
  }

  private static Protocol protocol(FlowRule rule) {
    return switch (rule.getProtocol()) {
      case PROTOCOL_TCP -> Protocol.TCP;
      case PROTOCOL_UDP -> Protocol.UDP;
      case PROTOCOL_ICMP -> Protocol.ICMP;
      default -> Protocol.ANY;
    };
  }
}
