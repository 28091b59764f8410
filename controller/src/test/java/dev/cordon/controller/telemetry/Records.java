package dev.cordon.controller.telemetry;

import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import dev.cordon.proto.v1.DenyReason;
import dev.cordon.proto.v1.FiveTuple;
import dev.cordon.proto.v1.FlowRecord;
import dev.cordon.proto.v1.Identity;
import dev.cordon.proto.v1.IpAddress;
import dev.cordon.proto.v1.PrincipalKind;
import dev.cordon.proto.v1.SecurityEvent;
import dev.cordon.proto.v1.SecurityEventKind;
import dev.cordon.proto.v1.Severity;
import dev.cordon.proto.v1.Verdict;
import java.time.Instant;

/** Flow records and security events as gateways send them, built to read as intent. */
public final class Records {

  public static final Instant T0 = Instant.parse("2026-11-22T06:00:00Z");

  private Records() {}

  public static Identity device(String id) {
    return Identity.newBuilder()
        .setKind(PrincipalKind.PRINCIPAL_KIND_DEVICE)
        .setName(id)
        .setSpiffeId("spiffe://cordon.local/device/" + id)
        .build();
  }

  public static Identity gateway(String name) {
    return Identity.newBuilder()
        .setKind(PrincipalKind.PRINCIPAL_KIND_GATEWAY)
        .setName(name)
        .setSpiffeId("spiffe://cordon.local/gateway/" + name)
        .build();
  }

  /** An ended TCP flow from {@code from} to 10.20.0.5:443, allowed by rule {@code web}. */
  public static FlowRecord.Builder allowed(String id, String from, Instant start) {
    return FlowRecord.newBuilder()
        .setFlowId(id)
        .setTuple(
            FiveTuple.newBuilder()
                .setSourceAddress(v4(100, 64, 0, 2))
                .setDestinationAddress(v4(10, 20, 0, 5))
                .setSourcePort(40000)
                .setDestinationPort(443)
                .setIpProtocol(6))
        .setStart(timestamp(start))
        .setEnd(timestamp(start.plusSeconds(2)))
        .setEnded(true)
        .setBytesSent(1200)
        .setBytesReceived(5000)
        .setPacketsSent(10)
        .setPacketsReceived(12)
        .setVerdict(Verdict.VERDICT_ALLOW)
        .setRuleId("web")
        .setSourceIdentity(device(from))
        .setDestinationService("intranet")
        .setTableVersion(7);
  }

  /** A denied first packet: no rule matched. */
  public static FlowRecord.Builder denied(String id, String from, Instant start) {
    return allowed(id, from, start)
        .setVerdict(Verdict.VERDICT_DENY)
        .setDenyReason(DenyReason.DENY_REASON_NO_MATCHING_RULE)
        .clearRuleId()
        .setEnd(timestamp(start))
        .setBytesSent(60)
        .setPacketsSent(1)
        .setBytesReceived(0)
        .setPacketsReceived(0);
  }

  public static SecurityEvent.Builder spoofing(String id, String about, Instant at) {
    return SecurityEvent.newBuilder()
        .setEventId(id)
        .setTime(timestamp(at))
        .setKind(SecurityEventKind.SECURITY_EVENT_KIND_SOURCE_SPOOFING)
        .setSeverity(Severity.SEVERITY_HIGH)
        .setSubject(device(about))
        .setDescription("inner source 100.64.0.9 is not the sender's")
        .putAttributes("source", "100.64.0.9");
  }

  public static Timestamp timestamp(Instant t) {
    return Timestamp.newBuilder().setSeconds(t.getEpochSecond()).setNanos(t.getNano()).build();
  }

  private static IpAddress v4(int a, int b, int c, int d) {
    return IpAddress.newBuilder()
        .setOctets(ByteString.copyFrom(new byte[] {(byte) a, (byte) b, (byte) c, (byte) d}))
        .build();
  }
}
