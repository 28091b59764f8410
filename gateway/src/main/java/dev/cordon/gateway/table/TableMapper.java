package dev.cordon.gateway.table;

import dev.cordon.gateway.enforce.GatewayPeer;
import dev.cordon.gateway.enforce.PeerKey;
import dev.cordon.policy.compile.FlowRule;
import dev.cordon.policy.eval.DenyReason;
import dev.cordon.policy.model.Action;
import dev.cordon.policy.model.Conditions;
import dev.cordon.policy.model.IpAddress;
import dev.cordon.policy.model.IpPrefix;
import dev.cordon.policy.model.PortRange;
import dev.cordon.policy.model.PortSet;
import dev.cordon.policy.model.Protocol;
import dev.cordon.policy.model.Service;
import dev.cordon.policy.model.TimeWindow;
import dev.cordon.policy.registry.DeviceStatus;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the proto table into the policy module's types. Where the proto can say something the
 * evaluator cannot, the reading narrows, never widens: an allow rule whose sender or destination
 * cannot be expressed matches nobody, a deny rule in that case denies from or to everyone.
 */
final class TableMapper {
  private static final IpPrefix EVERYWHERE = IpPrefix.parse("::/0");

  private TableMapper() {}

  static GatewayPeer peer(dev.cordon.proto.v1.AuthorizedPeer p) throws TableException {
    try {
      PeerKey key = new PeerKey(p.getWireguardPublicKey().toByteArray());
      IpAddress overlay = IpAddress.of(p.getOverlayAddress().getOctets().toByteArray());
      List<IpPrefix> prefixes = new ArrayList<>();
      for (var pre : p.getAllowedSourcePrefixesList()) prefixes.add(prefix(pre));
      Map<String, DenyReason> unmet = new HashMap<>();
      for (var u : p.getUnmetConditionsList()) unmet.put(u.getRuleId(), unmetReason(u.getReason()));
      String id = p.getIdentity().getName().isEmpty() ? key.toString() : p.getIdentity().getName();
      return new GatewayPeer(
          key,
          id,
          p.getIdentity().getSpiffeId(),
          overlay,
          prefixes,
          Set.copyOf(p.getSegmentsList()),
          status(p.getStatus()),
          unmet,
          p.getStockWireguard());
    } catch (IllegalArgumentException e) {
      throw new TableException("bad peer entry: " + e.getMessage(), e);
    }
  }

  static IpPrefix prefix(dev.cordon.proto.v1.IpPrefix p) {
    IpAddress a = IpAddress.of(p.getOctets().toByteArray());
    return new IpPrefix(a, p.getLength());
  }

  /** Unknown or unset statuses count as pending: never answered, never widened. */
  static DeviceStatus status(dev.cordon.proto.v1.DeviceStatus s) {
    return switch (s) {
      case DEVICE_STATUS_ACTIVE -> DeviceStatus.ACTIVE;
      case DEVICE_STATUS_QUARANTINED -> DeviceStatus.QUARANTINED;
      case DEVICE_STATUS_REVOKED -> DeviceStatus.REVOKED;
      default -> DeviceStatus.PENDING;
    };
  }

  private static DenyReason unmetReason(dev.cordon.proto.v1.DenyReason r) {
    return switch (r) {
      case DENY_REASON_LOCATION -> DenyReason.LOCATION_MISMATCH;
      case DENY_REASON_TIME_WINDOW -> DenyReason.OUTSIDE_TIME_WINDOW;
      default -> DenyReason.POSTURE_FAILED;
    };
  }

  /** Checks a rule can be read, so a bad rule is refused before anything changes. */
  static dev.cordon.proto.v1.FlowRule validated(dev.cordon.proto.v1.FlowRule r)
      throws TableException {
    if (r.getRuleId().isEmpty()) throw new TableException("a rule without an id");
    try {
      rules(r, 0, "", new ArrayList<>(), new ArrayList<>());
    } catch (IllegalArgumentException | DateTimeException e) {
      throw new TableException("bad rule " + r.getRuleId() + ": " + e.getMessage(), e);
    }
    return r;
  }

  /** Appends the evaluator's rules for one proto rule (one per destination) and its services. */
  static void rules(
      dev.cordon.proto.v1.FlowRule r,
      int order,
      String gateway,
      List<FlowRule> out,
      List<Service> services) {
    Action action = action(r.getAction());
    boolean fromAny = r.getFromSegmentsCount() == 0 && r.getFromPrefixesCount() == 0;
    if (r.getFromSegmentsCount() == 0 && !fromAny && action == Action.ALLOW) return;
    if (r.getFromSegmentsCount() == 0) fromAny = true;
    Protocol protocol = protocol(r.getProtocol());
    PortSet ports = ports(r);
    Conditions when = conditions(r);
    Set<String> from = Set.copyOf(r.getFromSegmentsList());
    String id = r.getRuleId();
    int n = 0;
    for (int i = 0; i < r.getToPrefixesCount(); i++) {
      IpPrefix to = prefix(r.getToPrefixes(i));
      String service = i < r.getToServicesCount() ? r.getToServices(i) : id;
      services.add(new Service(service, gateway, to, Protocol.ANY, PortSet.ANY));
      var target = new FlowRule.ServiceTarget(service, to, Protocol.ANY, PortSet.ANY);
      out.add(
          rule(id + "#" + n++, id, order, action, fromAny, from, target, protocol, ports, when));
    }
    if (r.getToSegmentsCount() > 0) {
      var target = new FlowRule.SegmentTarget(Set.copyOf(r.getToSegmentsList()));
      out.add(
          rule(id + "#" + n++, id, order, action, fromAny, from, target, protocol, ports, when));
    }
    if (n == 0 && action == Action.DENY) {
      var target = new FlowRule.ServiceTarget(id, EVERYWHERE, Protocol.ANY, PortSet.ANY);
      out.add(rule(id + "#0", id, order, action, fromAny, from, target, protocol, ports, when));
    }
  }

  private static FlowRule rule(
      String id,
      String name,
      int order,
      Action action,
      boolean fromAny,
      Set<String> from,
      FlowRule.Target target,
      Protocol protocol,
      PortSet ports,
      Conditions when) {
    return new FlowRule(id, name, order, action, fromAny, from, target, protocol, ports, when);
  }

  private static Action action(dev.cordon.proto.v1.Verdict v) {
    return switch (v) {
      case VERDICT_ALLOW -> Action.ALLOW;
      case VERDICT_DENY -> Action.DENY;
      default ->
          throw new IllegalArgumentException("rule action " + v + " is neither allow nor deny");
    };
  }

  private static Protocol protocol(dev.cordon.proto.v1.Protocol p) {
    return switch (p) {
      case PROTOCOL_ANY -> Protocol.ANY;
      case PROTOCOL_TCP -> Protocol.TCP;
      case PROTOCOL_UDP -> Protocol.UDP;
      case PROTOCOL_ICMP -> Protocol.ICMP;
      default -> throw new IllegalArgumentException("rule protocol " + p + " is not set");
    };
  }

  private static PortSet ports(dev.cordon.proto.v1.FlowRule r) {
    List<PortRange> ranges = new ArrayList<>();
    for (var p : r.getPortsList()) ranges.add(new PortRange(p.getFirst(), p.getLast()));
    return new PortSet(ranges);
  }

  private static Conditions conditions(dev.cordon.proto.v1.FlowRule r) {
    if (r.getTimeWindowsCount() == 0) return Conditions.ALWAYS;
    List<TimeWindow> windows = new ArrayList<>();
    for (var w : r.getTimeWindowsList()) {
      Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
      for (int d : w.getDaysList()) days.add(DayOfWeek.of(d));
      if (days.isEmpty()) days = EnumSet.allOf(DayOfWeek.class);
      ZoneId zone = w.getTimeZone().isEmpty() ? ZoneOffset.UTC : ZoneId.of(w.getTimeZone());
      windows.add(new TimeWindow(zone, days, w.getStartMinute(), w.getEndMinute()));
    }
    return new Conditions(null, windows, Set.of());
  }

  /** Distinct services by prefix, first name wins: what the evaluator calls a known address. */
  static List<Service> distinct(List<Service> services) {
    Set<IpPrefix> seen = new HashSet<>();
    List<Service> out = new ArrayList<>();
    for (Service s : services) if (seen.add(s.prefix())) out.add(s);
    return out;
  }
}
