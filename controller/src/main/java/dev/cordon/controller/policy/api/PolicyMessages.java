package dev.cordon.controller.policy.api;

import com.google.protobuf.ByteString;
import dev.cordon.controller.policy.Policies;
import dev.cordon.controller.policy.PolicyDiff;
import dev.cordon.controller.policy.StoredPolicy;
import dev.cordon.controller.policy.WhatIf;
import dev.cordon.controller.tables.api.TableMessages;
import dev.cordon.policy.eval.Decision;
import dev.cordon.policy.eval.FlowQuery;
import dev.cordon.policy.model.Action;
import dev.cordon.policy.model.IpAddress;
import dev.cordon.policy.model.PolicyDocument;
import dev.cordon.policy.model.PostureCondition;
import dev.cordon.policy.model.Protocol;
import dev.cordon.policy.model.Rule;
import dev.cordon.policy.model.Segment;
import dev.cordon.policy.model.Service;
import dev.cordon.proto.v1.ChangeKind;
import dev.cordon.proto.v1.DenyReason;
import dev.cordon.proto.v1.PolicyObjectChange;
import dev.cordon.proto.v1.PolicyObjectKind;
import dev.cordon.proto.v1.PolicyProblem;
import dev.cordon.proto.v1.PolicyVersion;
import dev.cordon.proto.v1.Verdict;
import dev.cordon.proto.v1.WhatIfAnswer;
import dev.cordon.proto.v1.WhatIfQuery;
import java.util.List;

/** Policy domain records to and from proto messages. */
public final class PolicyMessages {
  private PolicyMessages() {}

  public static PolicyProblem problem(dev.cordon.policy.load.Problem p) {
    return PolicyProblem.newBuilder()
        .setLine(p.line())
        .setColumn(p.column())
        .setMessage(p.isError() ? p.message() : "warning: " + p.message())
        .build();
  }

  public static List<PolicyProblem> problems(List<dev.cordon.policy.load.Problem> ps) {
    return ps.stream().map(PolicyMessages::problem).toList();
  }

  public static dev.cordon.proto.v1.PolicyDiff diff(PolicyDiff d) {
    var b =
        dev.cordon.proto.v1.PolicyDiff.newBuilder()
            .setFromVersion(d.fromVersion())
            .setToVersion(d.toVersion())
            .setUnifiedDiff(d.unifiedDiff());
    for (PolicyDiff.ObjectChange c : d.changes()) {
      b.addChanges(
          PolicyObjectChange.newBuilder()
              .setKind(
                  switch (c.kind()) {
                    case SEGMENT -> PolicyObjectKind.POLICY_OBJECT_KIND_SEGMENT;
                    case SERVICE -> PolicyObjectKind.POLICY_OBJECT_KIND_SERVICE;
                    case RULE -> PolicyObjectKind.POLICY_OBJECT_KIND_RULE;
                  })
              .setName(c.name())
              .setChange(
                  switch (c.change()) {
                    case ADDED -> ChangeKind.CHANGE_KIND_ADDED;
                    case REMOVED -> ChangeKind.CHANGE_KIND_REMOVED;
                    case MODIFIED -> ChangeKind.CHANGE_KIND_MODIFIED;
                  }));
    }
    return b.build();
  }

  public static PolicyVersion version(StoredPolicy p) {
    return PolicyVersion.newBuilder()
        .setVersion(p.version())
        .setSha256(ByteString.copyFrom(p.sha256()))
        .setAppliedAt(TableMessages.timestamp(p.appliedAt()))
        .setAppliedBy(p.appliedBy())
        .setComment(p.comment())
        .build();
  }

  /** The document of record with the controller's structured view of it. */
  public static dev.cordon.proto.v1.PolicyDocument document(StoredPolicy p) {
    PolicyDocument doc = Policies.parse(p);
    var b =
        dev.cordon.proto.v1.PolicyDocument.newBuilder()
            .setVersion(p.version())
            .setSource(p.source())
            .setSha256(ByteString.copyFrom(p.sha256()))
            .setAppliedAt(TableMessages.timestamp(p.appliedAt()))
            .setAppliedBy(p.appliedBy())
            .setComment(p.comment());
    doc.segments().forEach(s -> b.addSegments(segment(s)));
    doc.quarantine()
        .ifPresent(
            q ->
                b.addSegments(
                    dev.cordon.proto.v1.Segment.newBuilder()
                        .setName(q.segment())
                        .setQuarantine(true)));
    doc.services().forEach(s -> b.addServices(service(s)));
    doc.effectiveRules().forEach(r -> b.addRules(rule(r)));
    return b.build();
  }

  /** Only a segment's first label selector fits the message's one map; the source has all. */
  private static dev.cordon.proto.v1.Segment segment(Segment s) {
    var b = dev.cordon.proto.v1.Segment.newBuilder().setName(s.name());
    s.devices().stream().sorted().forEach(b::addMembers);
    if (!s.selectors().isEmpty()) b.putAllSelector(s.selectors().getFirst().pairs());
    return b.build();
  }

  private static dev.cordon.proto.v1.Service service(Service s) {
    return dev.cordon.proto.v1.Service.newBuilder()
        .setName(s.name())
        .addPrefixes(TableMessages.prefix(s.prefix()))
        .setProtocol(TableMessages.protocol(s.protocol()))
        .addAllPorts(TableMessages.ports(s.ports()))
        .setGateway(s.gateway())
        .build();
  }

  private static dev.cordon.proto.v1.Rule rule(Rule r) {
    var b =
        dev.cordon.proto.v1.Rule.newBuilder()
            .setName(r.name())
            .setAction(r.action() == Action.ALLOW ? Verdict.VERDICT_ALLOW : Verdict.VERDICT_DENY)
            .setProtocol(TableMessages.protocol(r.protocol()))
            .addAllPorts(TableMessages.ports(r.ports()));
    if (!r.fromAny()) r.from().stream().sorted().forEach(b::addFromSegments);
    r.toSegments().stream().sorted().forEach(b::addToSegments);
    r.toServices().stream().sorted().forEach(b::addToServices);
    PostureCondition p = r.conditions().posture();
    if (p != null) {
      if (p.firmware() != null) b.addPosture(range("firmware_version", p.firmware()));
      if (p.os() != null) b.addPosture(range("os_version", p.os()));
      if (p.minPatchLevel() != null) {
        b.addPosture(
            dev.cordon.proto.v1.PostureCondition.newBuilder()
                .setAttribute("patch_level")
                .setAtLeast(p.minPatchLevel().toString()));
      }
    }
    r.conditions().windows().forEach(w -> b.addTimeWindows(TableMessages.window(w)));
    r.conditions().sites().stream().sorted().forEach(b::addSites);
    return b.build();
  }

  private static dev.cordon.proto.v1.PostureCondition range(
      String attribute, dev.cordon.policy.model.VersionRange v) {
    var b = dev.cordon.proto.v1.PostureCondition.newBuilder().setAttribute(attribute);
    if (v.min() != null) b.setAtLeast(v.min().toString());
    if (v.below() != null) b.setBelow(v.below().toString());
    return b.build();
  }

  /**
   * The question a query asks.
   *
   * @throws IllegalArgumentException for a query without a destination or a definite protocol
   */
  public static WhatIf.Question question(WhatIfQuery q) {
    FlowQuery.Destination to =
        switch (q.getDestinationCase()) {
          case SERVICE -> new FlowQuery.ToService(q.getService());
          case DESTINATION_DEVICE_ID -> new FlowQuery.ToDevice(q.getDestinationDeviceId());
          case ADDRESS ->
              new FlowQuery.ToAddress(IpAddress.of(q.getAddress().getOctets().toByteArray()));
          case DESTINATION_NOT_SET ->
              throw new IllegalArgumentException(
                  "a what-if query needs a destination: a service, a device or an address");
        };
    int ipProto =
        switch (q.getProtocol()) {
          case PROTOCOL_TCP -> Protocol.IP_TCP;
          case PROTOCOL_UDP -> Protocol.IP_UDP;
          case PROTOCOL_ICMP -> Protocol.IP_ICMP;
          default ->
              throw new IllegalArgumentException(
                  "a flow has one protocol: ask about tcp, udp or icmp");
        };
    if (Protocol.hasPorts(ipProto) && (q.getPort() < 1 || q.getPort() > 65535)) {
      throw new IllegalArgumentException("a tcp or udp flow needs a port from 1 to 65535");
    }
    return new WhatIf.Question(
        q.getDeviceId(),
        to,
        ipProto,
        q.getPort(),
        q.hasAt() ? TableMessages.instant(q.getAt()) : null);
  }

  public static WhatIfAnswer answer(WhatIf.Answer a) {
    Decision d = a.decision();
    var b =
        WhatIfAnswer.newBuilder()
            .setVerdict(d.allowed() ? Verdict.VERDICT_ALLOW : Verdict.VERDICT_DENY)
            .setExplanation(explain(d))
            .setPolicyVersion(a.policyVersion())
            .addAllSourceSegments(a.sourceSegments().stream().sorted().toList())
            .setGateway(a.gateway());
    if (d.rule() != null) b.setRuleId(d.rule());
    if (d.reason() != null) b.setReason(reason(d.reason()));
    return b.build();
  }

  static DenyReason reason(dev.cordon.policy.eval.DenyReason r) {
    return switch (r) {
      case NO_MATCHING_RULE, UNKNOWN_DESTINATION -> DenyReason.DENY_REASON_NO_MATCHING_RULE;
      case EXPLICIT_DENY -> DenyReason.DENY_REASON_DENY_RULE;
      case POSTURE_FAILED -> DenyReason.DENY_REASON_POSTURE;
      case OUTSIDE_TIME_WINDOW -> DenyReason.DENY_REASON_TIME_WINDOW;
      case LOCATION_MISMATCH -> DenyReason.DENY_REASON_LOCATION;
      case QUARANTINED -> DenyReason.DENY_REASON_QUARANTINED;
      case UNKNOWN_SOURCE -> DenyReason.DENY_REASON_UNKNOWN_KEY;
      case REVOKED -> DenyReason.DENY_REASON_REVOKED;
      case PENDING_APPROVAL -> DenyReason.DENY_REASON_PENDING_APPROVAL;
    };
  }

  private static String explain(Decision d) {
    if (d.allowed()) return "allowed by rule '" + d.rule() + "'";
    return switch (d.reason()) {
      case EXPLICIT_DENY -> "denied by rule '" + d.rule() + "' (deny wins)";
      case POSTURE_FAILED ->
          "rule '" + d.rule() + "' would allow it, but the device's posture fails its condition";
      case OUTSIDE_TIME_WINDOW -> "rule '" + d.rule() + "' would allow it, but not at this time";
      case LOCATION_MISMATCH ->
          "rule '" + d.rule() + "' would allow it, but not from the site the device reports";
      case QUARANTINED -> "the device is quarantined and the quarantine segment may not reach this";
      case UNKNOWN_DESTINATION -> "no service or device has this address (default deny)";
      case REVOKED -> "the device is revoked";
      case PENDING_APPROVAL -> "the device awaits approval";
      case UNKNOWN_SOURCE -> "the device is unknown";
      case NO_MATCHING_RULE -> "no rule allows it (default deny)";
    };
  }
}
