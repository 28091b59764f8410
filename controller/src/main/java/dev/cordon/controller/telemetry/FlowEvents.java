package dev.cordon.controller.telemetry;

import com.google.protobuf.Timestamp;
import dev.cordon.proto.v1.DenyReason;
import dev.cordon.proto.v1.FlowRecord;
import dev.cordon.proto.v1.Identity;
import dev.cordon.proto.v1.IpAddress;
import dev.cordon.proto.v1.SecurityEvent;
import dev.cordon.proto.v1.Severity;
import dev.cordon.proto.v1.Verdict;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * A flow record as an entry of the event log: every field of the record kept as an attribute, so
 * the analytics to come and a SIEM reading {@code cordon events --json} see all of it.
 */
final class FlowEvents {

  /** The attribute that tells a flow entry from a security event. */
  static final String RECORD = "record";

  static final String FLOW = "flow";

  private FlowEvents() {}

  static SecurityEvent of(FlowRecord flow, Identity gateway) {
    boolean denied = flow.getVerdict() == Verdict.VERDICT_DENY;
    Timestamp time = flow.hasEnd() ? flow.getEnd() : flow.getStart();
    SecurityEvent.Builder b =
        SecurityEvent.newBuilder()
            .setEventId(
                gateway.getName()
                    + "/flow/"
                    + flow.getFlowId()
                    + "/"
                    + (time.getSeconds() * 1000 + time.getNanos() / 1_000_000))
            .setTime(time)
            .setSeverity(denied ? Severity.SEVERITY_LOW : Severity.SEVERITY_UNSPECIFIED)
            .setReporter(gateway)
            .setDescription(description(flow, denied));
    if (flow.hasSourceIdentity()) {
      b.setSubject(flow.getSourceIdentity());
    }
    b.putAttributes(RECORD, FLOW)
        .putAttributes("flow_id", flow.getFlowId())
        .putAttributes("verdict", verdict(flow.getVerdict()))
        .putAttributes("protocol", protocol(flow.getTuple().getIpProtocol()))
        .putAttributes(
            "source", endpoint(flow.getTuple().getSourceAddress(), flow.getTuple().getSourcePort()))
        .putAttributes(
            "destination",
            endpoint(flow.getTuple().getDestinationAddress(), flow.getTuple().getDestinationPort()))
        .putAttributes("bytes_sent", Long.toUnsignedString(flow.getBytesSent()))
        .putAttributes("bytes_received", Long.toUnsignedString(flow.getBytesReceived()))
        .putAttributes("packets_sent", Long.toUnsignedString(flow.getPacketsSent()))
        .putAttributes("packets_received", Long.toUnsignedString(flow.getPacketsReceived()))
        .putAttributes("start", instant(flow.getStart()))
        .putAttributes("end", instant(flow.getEnd()))
        .putAttributes("ended", Boolean.toString(flow.getEnded()))
        .putAttributes("table_version", Long.toUnsignedString(flow.getTableVersion()))
        .putAttributes("gateway", gateway.getName());
    if (flow.getDenyReason() != DenyReason.DENY_REASON_UNSPECIFIED) {
      b.putAttributes("reason", reason(flow.getDenyReason()));
    }
    if (!flow.getRuleId().isEmpty()) {
      b.putAttributes("rule", flow.getRuleId());
    }
    if (flow.hasDestinationIdentity()) {
      b.putAttributes("destination_device", flow.getDestinationIdentity().getName());
    }
    if (!flow.getDestinationService().isEmpty()) {
      b.putAttributes("destination_service", flow.getDestinationService());
    }
    return b.build();
  }

  static boolean isFlow(SecurityEvent event) {
    return FLOW.equals(event.getAttributesOrDefault(RECORD, ""));
  }

  /** "no_matching_rule" for DENY_REASON_NO_MATCHING_RULE: the name people type and read. */
  static String reason(DenyReason reason) {
    return reason.name().substring("DENY_REASON_".length()).toLowerCase(Locale.ROOT);
  }

  private static String verdict(Verdict verdict) {
    return switch (verdict) {
      case VERDICT_ALLOW -> "allow";
      case VERDICT_DENY -> "deny";
      default -> "unspecified";
    };
  }

  private static String description(FlowRecord flow, boolean denied) {
    String what =
        protocol(flow.getTuple().getIpProtocol())
            + " "
            + endpoint(flow.getTuple().getSourceAddress(), flow.getTuple().getSourcePort())
            + " -> "
            + endpoint(
                flow.getTuple().getDestinationAddress(), flow.getTuple().getDestinationPort());
    String rule = flow.getRuleId().isEmpty() ? "" : " by rule " + flow.getRuleId();
    if (denied) {
      return what + " denied (" + reason(flow.getDenyReason()) + ")" + rule;
    }
    if (flow.getDenyReason() != DenyReason.DENY_REASON_UNSPECIFIED) {
      return what + " allowed, then cut (" + reason(flow.getDenyReason()) + ")" + rule;
    }
    return what + " allowed" + rule;
  }

  static String protocol(int number) {
    return switch (number) {
      case 1 -> "icmp";
      case 6 -> "tcp";
      case 17 -> "udp";
      case 58 -> "icmpv6";
      default -> "ip/" + number;
    };
  }

  private static String endpoint(IpAddress address, int port) {
    String host = host(address);
    if (port == 0) {
      return host;
    }
    return host.contains(":") ? "[" + host + "]:" + port : host + ":" + port;
  }

  private static String host(IpAddress address) {
    byte[] octets = address.getOctets().toByteArray();
    if (octets.length != 4 && octets.length != 16) {
      return "?";
    }
    try {
      return InetAddress.getByAddress(octets).getHostAddress();
    } catch (UnknownHostException e) {
      return "?";
    }
  }

  private static String instant(Timestamp t) {
    return java.time.Instant.ofEpochSecond(t.getSeconds(), t.getNanos()).toString();
  }
}
