package dev.cordon.controller.tables.api;

import com.google.protobuf.Timestamp;
import dev.cordon.policy.compile.AuthorizedPeer;
import dev.cordon.policy.compile.FlowRule;
import dev.cordon.policy.model.Action;
import dev.cordon.policy.model.IpAddress;
import dev.cordon.policy.model.IpPrefix;
import dev.cordon.policy.model.PortRange;
import dev.cordon.policy.model.PortSet;
import dev.cordon.policy.model.Protocol;
import dev.cordon.policy.model.TimeWindow;
import dev.cordon.policy.registry.DeviceStatus;
import dev.cordon.proto.v1.DenyReason;
import dev.cordon.proto.v1.Identity;
import dev.cordon.proto.v1.PrincipalKind;
import dev.cordon.proto.v1.UnmetCondition;
import dev.cordon.proto.v1.Verdict;
import java.time.DayOfWeek;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Domain table parts to proto messages. A rule from {@code any} has no sender segments to name, so
 * it is sent with the sender prefixes {@code 0.0.0.0/0} and {@code ::/0}; as the policy says, an
 * allow rule from any still does not cover a QUARANTINED peer (the gateway reads the peer's
 * status). Posture and site conditions are not sent as such: each peer carries the allow rules it
 * fails them for ({@code unmet_conditions}), which only the controller, holding the posture, can
 * judge.
 */
public final class TableMessages {
  private static final IpPrefix ALL_V4 = IpPrefix.parse("0.0.0.0/0");
  private static final IpPrefix ALL_V6 = IpPrefix.parse("::/0");

  private TableMessages() {}

  public static Timestamp timestamp(Instant t) {
    return Timestamp.newBuilder().setSeconds(t.getEpochSecond()).setNanos(t.getNano()).build();
  }

  public static Instant instant(Timestamp t) {
    return Instant.ofEpochSecond(t.getSeconds(), t.getNanos());
  }

  public static dev.cordon.proto.v1.IpAddress address(IpAddress a) {
    return dev.cordon.proto.v1.IpAddress.newBuilder()
        .setOctets(com.google.protobuf.ByteString.copyFrom(a.bytes()))
        .build();
  }

  public static dev.cordon.proto.v1.IpPrefix prefix(IpPrefix p) {
    return dev.cordon.proto.v1.IpPrefix.newBuilder()
        .setOctets(com.google.protobuf.ByteString.copyFrom(p.address().bytes()))
        .setLength(p.length())
        .build();
  }

  public static dev.cordon.proto.v1.Protocol protocol(Protocol p) {
    return switch (p) {
      case ANY -> dev.cordon.proto.v1.Protocol.PROTOCOL_ANY;
      case TCP -> dev.cordon.proto.v1.Protocol.PROTOCOL_TCP;
      case UDP -> dev.cordon.proto.v1.Protocol.PROTOCOL_UDP;
      case ICMP -> dev.cordon.proto.v1.Protocol.PROTOCOL_ICMP;
    };
  }

  public static List<dev.cordon.proto.v1.PortRange> ports(PortSet ports) {
    List<dev.cordon.proto.v1.PortRange> out = new ArrayList<>();
    for (PortRange r : ports.ranges()) {
      out.add(
          dev.cordon.proto.v1.PortRange.newBuilder().setFirst(r.first()).setLast(r.last()).build());
    }
    return out;
  }

  public static dev.cordon.proto.v1.DeviceStatus status(DeviceStatus s) {
    return switch (s) {
      case PENDING -> dev.cordon.proto.v1.DeviceStatus.DEVICE_STATUS_PENDING;
      case ACTIVE -> dev.cordon.proto.v1.DeviceStatus.DEVICE_STATUS_ACTIVE;
      case QUARANTINED -> dev.cordon.proto.v1.DeviceStatus.DEVICE_STATUS_QUARANTINED;
      case REVOKED -> dev.cordon.proto.v1.DeviceStatus.DEVICE_STATUS_REVOKED;
    };
  }

  public static Identity identity(PrincipalKind kind, String name) {
    return Identity.newBuilder().setKind(kind).setName(name).build();
  }

  public static dev.cordon.proto.v1.TimeWindow window(TimeWindow w) {
    var b =
        dev.cordon.proto.v1.TimeWindow.newBuilder()
            .setStartMinute(w.startMinute())
            .setEndMinute(w.endMinute())
            .setTimeZone(w.zone().getId());
    w.days().stream().sorted().map(DayOfWeek::getValue).forEach(b::addDays);
    return b.build();
  }

  /** One compiled rule as a gateway evaluates it. */
  public static dev.cordon.proto.v1.FlowRule rule(FlowRule r) {
    var b =
        dev.cordon.proto.v1.FlowRule.newBuilder()
            .setRuleId(r.id())
            .setAction(r.action() == Action.ALLOW ? Verdict.VERDICT_ALLOW : Verdict.VERDICT_DENY);
    if (r.fromAny()) {
      b.addFromPrefixes(prefix(ALL_V4)).addFromPrefixes(prefix(ALL_V6));
    } else {
      r.from().stream().sorted().forEach(b::addFromSegments);
    }
    Protocol protocol = r.protocol();
    PortSet ports = r.ports();
    switch (r.target()) {
      case FlowRule.ServiceTarget s -> {
        b.addToPrefixes(prefix(s.prefix())).addToServices(s.service());
        Protocol narrowed = Protocol.intersect(protocol, s.protocol());
        protocol = narrowed == null ? protocol : narrowed;
        ports = intersect(ports, s.ports());
      }
      case FlowRule.SegmentTarget s -> s.segments().stream().sorted().forEach(b::addToSegments);
    }
    b.setProtocol(protocol(protocol)).addAllPorts(ports(ports));
    r.conditions().windows().forEach(w -> b.addTimeWindows(window(w)));
    return b.build();
  }

  /** The allow rules whose posture or site condition this peer does not meet. */
  public static List<UnmetCondition> unmet(AuthorizedPeer peer, Collection<FlowRule> rules) {
    List<UnmetCondition> out = new ArrayList<>();
    for (FlowRule r : rules) {
      if (r.action() != Action.ALLOW || !concerns(r, peer)) continue;
      var posture = r.conditions().posture();
      if (posture != null && !posture.holdsFor(peer.posture())) {
        out.add(unmet(r, DenyReason.DENY_REASON_POSTURE, "posture outside the rule's range"));
      } else if (!r.conditions().sites().isEmpty()
          && !r.conditions().sites().contains(peer.site())) {
        out.add(
            unmet(
                r,
                DenyReason.DENY_REASON_LOCATION,
                "reported site "
                    + (peer.site() == null ? "none" : peer.site())
                    + " is not one of "
                    + r.conditions().sites()));
      }
    }
    return out;
  }

  public static dev.cordon.proto.v1.AuthorizedPeer peer(
      AuthorizedPeer p, Collection<FlowRule> rules) {
    var b =
        dev.cordon.proto.v1.AuthorizedPeer.newBuilder()
            .setWireguardPublicKey(com.google.protobuf.ByteString.copyFrom(p.publicKey()))
            .setIdentity(identity(PrincipalKind.PRINCIPAL_KIND_DEVICE, p.deviceId()))
            .setStatus(status(p.status()))
            .addAllSegments(p.segments())
            .addAllUnmetConditions(unmet(p, rules));
    if (p.overlayAddress() != null) {
      b.setOverlayAddress(address(p.overlayAddress()));
    }
    return b.build();
  }

  private static boolean concerns(FlowRule r, AuthorizedPeer peer) {
    if (r.fromAny()) return peer.status() == DeviceStatus.ACTIVE;
    return r.from().stream().anyMatch(peer.segments()::contains);
  }

  private static UnmetCondition unmet(FlowRule r, DenyReason reason, String detail) {
    return UnmetCondition.newBuilder()
        .setRuleId(r.id())
        .setReason(reason)
        .setDetail(detail)
        .build();
  }

  /** The ports in both sets (either may be "any"). */
  static PortSet intersect(PortSet a, PortSet b) {
    if (a.isAny()) return b;
    if (b.isAny()) return a;
    List<PortRange> out = new ArrayList<>();
    for (PortRange x : a.ranges()) {
      for (PortRange y : b.ranges()) {
        if (x.overlaps(y)) {
          out.add(new PortRange(Math.max(x.first(), y.first()), Math.min(x.last(), y.last())));
        }
      }
    }
    // Disjoint sets are refused when the document is loaded; never widen to "any" if they were.
    return out.isEmpty() ? a : new PortSet(out);
  }
}
