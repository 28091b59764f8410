package dev.cordon.gateway.bench;

import com.google.protobuf.ByteString;
import dev.cordon.policy.model.IpAddress;
import dev.cordon.policy.model.PolicyDocument;
import dev.cordon.policy.model.PortSet;
import dev.cordon.policy.model.Protocol;
import dev.cordon.policy.model.Rule;
import dev.cordon.policy.model.Segment;
import dev.cordon.policy.model.Service;
import dev.cordon.policy.registry.DeviceRecord;
import dev.cordon.policy.registry.DeviceStatus;
import dev.cordon.proto.v1.AuthorizedPeer;
import dev.cordon.proto.v1.FlowRule;
import dev.cordon.proto.v1.GatewayTable;
import dev.cordon.proto.v1.GatewayTableUpdate;
import dev.cordon.proto.v1.Identity;
import dev.cordon.proto.v1.IpPrefix;
import dev.cordon.proto.v1.PortRange;
import dev.cordon.proto.v1.PrincipalKind;
import dev.cordon.proto.v1.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One synthetic fleet, as a policy document plus registry (for the compiler) and as the proto table
 * the controller would send gateway "edge" (for the gateway). Device i is in segment {@code i %
 * 100}; rule r lets segment {@code r % 100} reach service {@code r % 1000} on port {@code 1000 + r
 * / 1000}, and every seventh rule (r % 7 == 3) is a deny, so each service address carries several
 * candidate rules with distinct ports, as overlapping real policies do.
 */
final class Fleet {
  static final int SEGMENTS = 100;
  static final int SERVICES = 1000;
  static final String GATEWAY = "edge";

  private Fleet() {}

  static boolean denies(int rule) {
    return rule % 7 == 3;
  }

  static int port(int rule) {
    return 1000 + rule / SERVICES;
  }

  static int segmentOf(int device) {
    return device % SEGMENTS;
  }

  /** Overlay address of device i: 100.64.0.0 + i + 1 (fits the /10 for 4 million devices). */
  static int overlay(int device) {
    return (100 << 24) | (64 << 16) | (device + 1);
  }

  /** Service k's prefix: 10.(k / 200).(k % 200).0/24. */
  static int serviceNetwork(int service) {
    return (10 << 24) | ((service / 200) << 16) | ((service % 200) << 8);
  }

  static byte[] key(int device) {
    byte[] k = new byte[32];
    k[0] = (byte) (device >>> 24);
    k[1] = (byte) (device >>> 16);
    k[2] = (byte) (device >>> 8);
    k[3] = (byte) device;
    k[31] = 0x42;
    return k;
  }

  static byte[] octets(int v4) {
    return new byte[] {(byte) (v4 >>> 24), (byte) (v4 >>> 16), (byte) (v4 >>> 8), (byte) v4};
  }

  static String dotted(int v4) {
    return (v4 >>> 24) + "." + ((v4 >>> 16) & 0xff) + "." + ((v4 >>> 8) & 0xff) + "." + (v4 & 0xff);
  }

  // --- the policy module's view ---

  static PolicyDocument document(int rules) {
    PolicyDocument.Builder b = PolicyDocument.builder().gateway(GATEWAY);
    for (int s = 0; s < SEGMENTS; s++) b.segment(Segment.ofSelector("seg-" + s, "group=g" + s));
    for (int k = 0; k < SERVICES; k++) {
      b.service(
          Service.of(
              "svc-" + k, GATEWAY, dotted(serviceNetwork(k)) + "/24", Protocol.TCP, PortSet.ANY));
    }
    for (int r = 0; r < rules; r++) {
      Rule.Builder rule = denies(r) ? Rule.deny("r-" + r) : Rule.allow("r-" + r);
      b.rule(
          rule.from("seg-" + (r % SEGMENTS))
              .toServices("svc-" + (r % SERVICES))
              .protocol(Protocol.TCP)
              .port(port(r)));
    }
    return b.build();
  }

  static DeviceRecord device(int i, int group) {
    return new DeviceRecord(
        "dev-" + i,
        "device " + i,
        key(i),
        IpAddress.v4(overlay(i) & 0xffff_ffffL),
        Map.of("group", "g" + group),
        DeviceStatus.ACTIVE,
        null,
        null);
  }

  static List<DeviceRecord> registry(int devices) {
    List<DeviceRecord> out = new ArrayList<>(devices);
    for (int i = 0; i < devices; i++) out.add(device(i, segmentOf(i)));
    return out;
  }

  // --- the gateway's view: the snapshot the controller sends ---

  static GatewayTableUpdate snapshot(int peers, int rules) {
    GatewayTable.Builder t =
        GatewayTable.newBuilder().setVersion(1).setPolicyVersion(1).setGatewayName(GATEWAY);
    for (int i = 0; i < peers; i++) t.addPeers(peer(i));
    for (int r = 0; r < rules; r++) t.addRules(rule(r));
    return GatewayTableUpdate.newBuilder().setSnapshot(t).build();
  }

  static AuthorizedPeer peer(int i) {
    return AuthorizedPeer.newBuilder()
        .setWireguardPublicKey(ByteString.copyFrom(key(i)))
        .setIdentity(
            Identity.newBuilder()
                .setKind(PrincipalKind.PRINCIPAL_KIND_DEVICE)
                .setName("dev-" + i)
                .setSpiffeId("spiffe://cordon.bench/device/dev-" + i))
        .setOverlayAddress(
            dev.cordon.proto.v1.IpAddress.newBuilder()
                .setOctets(ByteString.copyFrom(octets(overlay(i)))))
        .addSegments("seg-" + segmentOf(i))
        .setStatus(dev.cordon.proto.v1.DeviceStatus.DEVICE_STATUS_ACTIVE)
        .build();
  }

  static FlowRule rule(int r) {
    int service = r % SERVICES;
    return FlowRule.newBuilder()
        .setRuleId("r-" + r)
        .setAction(denies(r) ? Verdict.VERDICT_DENY : Verdict.VERDICT_ALLOW)
        .addFromSegments("seg-" + (r % SEGMENTS))
        .addToPrefixes(
            IpPrefix.newBuilder()
                .setOctets(ByteString.copyFrom(octets(serviceNetwork(service))))
                .setLength(24))
        .addToServices("svc-" + service)
        .setProtocol(dev.cordon.proto.v1.Protocol.PROTOCOL_TCP)
        .addPorts(PortRange.newBuilder().setFirst(port(r)).setLast(port(r)))
        .build();
  }

  /** A minimal IPv4 TCP segment (20-byte IP header, 20-byte TCP header, no payload). */
  static byte[] tcp(int src, int srcPort, int dst, int dstPort, int flags) {
    byte[] p = new byte[40];
    p[0] = 0x45;
    p[3] = 40;
    p[8] = 64;
    p[9] = 6;
    System.arraycopy(octets(src), 0, p, 12, 4);
    System.arraycopy(octets(dst), 0, p, 16, 4);
    p[20] = (byte) (srcPort >>> 8);
    p[21] = (byte) srcPort;
    p[22] = (byte) (dstPort >>> 8);
    p[23] = (byte) dstPort;
    p[32] = 0x50;
    p[33] = (byte) flags;
    return p;
  }
}
