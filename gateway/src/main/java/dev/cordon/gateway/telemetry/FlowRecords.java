package dev.cordon.gateway.telemetry;

import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import dev.cordon.gateway.enforce.GatewayPeer;
import dev.cordon.gateway.enforce.PolicySnapshot;
import dev.cordon.policy.conntrack.FlowKey;
import dev.cordon.policy.model.Service;
import dev.cordon.proto.v1.DenyReason;
import dev.cordon.proto.v1.FiveTuple;
import dev.cordon.proto.v1.FlowRecord;
import dev.cordon.proto.v1.Identity;
import dev.cordon.proto.v1.PrincipalKind;
import dev.cordon.proto.v1.Verdict;

/** Builds the proto flow record of one flow; off the per-packet path. */
final class FlowRecords {
  private FlowRecords() {}

  static FlowRecord.Builder of(
      String gateway, FlowKey k, FlowLedger.Live l, PolicySnapshot p, long end, boolean ended) {
    FlowRecord.Builder b =
        FlowRecord.newBuilder()
            .setFlowId(l.id)
            .setTuple(tuple(k))
            .setStart(timestamp(l.start))
            .setEnd(timestamp(Math.max(end, l.start)))
            .setEnded(ended)
            .setBytesSent(l.bytesSent.sum())
            .setBytesReceived(l.bytesReceived.sum())
            .setPacketsSent(l.packetsSent.sum())
            .setPacketsReceived(l.packetsReceived.sum())
            .setVerdict(Verdict.VERDICT_ALLOW)
            .setGateway(gateway)
            .setTableVersion(l.tableVersion);
    if (l.sender != null) b.setSourceIdentity(identity(l.sender));
    GatewayPeer to = p.owner(k.dstHi(), k.dstLo());
    if (to != null) {
      b.setDestinationIdentity(identity(to));
    } else {
      for (Service s : p.table().services()) {
        if (s.prefix().contains(k.dstHi(), k.dstLo())) {
          b.setDestinationService(s.name());
          break;
        }
      }
    }
    return b;
  }

  static Identity identity(GatewayPeer p) {
    return Identity.newBuilder()
        .setKind(PrincipalKind.PRINCIPAL_KIND_DEVICE)
        .setName(p.deviceId())
        .setSpiffeId(p.spiffeId())
        .build();
  }

  static DenyReason reason(dev.cordon.policy.eval.DenyReason r) {
    if (r == null) return DenyReason.DENY_REASON_UNSPECIFIED;
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

  private static FiveTuple tuple(FlowKey k) {
    return FiveTuple.newBuilder()
        .setSourceAddress(address(k.srcHi(), k.srcLo()))
        .setDestinationAddress(address(k.dstHi(), k.dstLo()))
        .setSourcePort(k.srcPort())
        .setDestinationPort(k.dstPort())
        .setIpProtocol(k.ipProto())
        .build();
  }

  private static dev.cordon.proto.v1.IpAddress address(long hi, long lo) {
    boolean v4 = hi == 0 && (lo >>> 32) == 0xffffL;
    byte[] b = new byte[v4 ? 4 : 16];
    if (v4) {
      for (int i = 0; i < 4; i++) b[i] = (byte) (lo >>> (24 - 8 * i));
    } else {
      for (int i = 0; i < 8; i++) {
        b[i] = (byte) (hi >>> (56 - 8 * i));
        b[8 + i] = (byte) (lo >>> (56 - 8 * i));
      }
    }
    return dev.cordon.proto.v1.IpAddress.newBuilder().setOctets(ByteString.copyFrom(b)).build();
  }

  static Timestamp timestamp(long millis) {
    return Timestamp.newBuilder()
        .setSeconds(Math.floorDiv(millis, 1000))
        .setNanos((int) Math.floorMod(millis, 1000) * 1_000_000)
        .build();
  }
}
