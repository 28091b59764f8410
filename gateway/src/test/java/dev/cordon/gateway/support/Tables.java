package dev.cordon.gateway.support;

import com.google.protobuf.ByteString;
import dev.cordon.proto.v1.AuthorizedPeer;
import dev.cordon.proto.v1.DeviceStatus;
import dev.cordon.proto.v1.FlowRule;
import dev.cordon.proto.v1.GatewayTable;
import dev.cordon.proto.v1.GatewayTableDelta;
import dev.cordon.proto.v1.GatewayTableUpdate;
import dev.cordon.proto.v1.Identity;
import dev.cordon.proto.v1.IpAddress;
import dev.cordon.proto.v1.IpPrefix;
import dev.cordon.proto.v1.PortRange;
import dev.cordon.proto.v1.PrincipalKind;
import dev.cordon.proto.v1.Protocol;
import dev.cordon.proto.v1.Verdict;
import java.net.InetAddress;
import java.util.List;

/** Proto tables for tests, built so a test reads as intent. */
public final class Tables {
  private Tables() {}

  /** A 32-byte key whose bytes are all {@code n}. */
  public static byte[] key(int n) {
    byte[] k = new byte[32];
    java.util.Arrays.fill(k, (byte) n);
    return k;
  }

  public static AuthorizedPeer.Builder peer(
      int key, String id, String overlay, DeviceStatus status, String... segments) {
    return AuthorizedPeer.newBuilder()
        .setWireguardPublicKey(ByteString.copyFrom(key(key)))
        .setIdentity(
            Identity.newBuilder()
                .setKind(PrincipalKind.PRINCIPAL_KIND_DEVICE)
                .setName(id)
                .setSpiffeId("spiffe://cordon.local/device/" + id))
        .setOverlayAddress(IpAddress.newBuilder().setOctets(ByteString.copyFrom(octets(overlay))))
        .setStatus(status)
        .addAllSegments(List.of(segments));
  }

  public static AuthorizedPeer active(int key, String id, String overlay, String... segments) {
    return peer(key, id, overlay, DeviceStatus.DEVICE_STATUS_ACTIVE, segments).build();
  }

  public static IpPrefix prefix(String text) {
    int slash = text.indexOf('/');
    byte[] a = octets(slash < 0 ? text : text.substring(0, slash));
    int len = slash < 0 ? a.length * 8 : Integer.parseInt(text.substring(slash + 1));
    return IpPrefix.newBuilder().setOctets(ByteString.copyFrom(a)).setLength(len).build();
  }

  /** A rule from segments to a service prefix over TCP on one port. */
  public static FlowRule.Builder rule(String id, Verdict action, String from, String to) {
    FlowRule.Builder b =
        FlowRule.newBuilder().setRuleId(id).setAction(action).setProtocol(Protocol.PROTOCOL_ANY);
    if (!from.equals("any")) b.addFromSegments(from);
    if (to.startsWith("segment:")) b.addToSegments(to.substring(8));
    else b.addToPrefixes(prefix(to)).addToServices(id + "-svc");
    return b;
  }

  public static FlowRule allowTcp(String id, String from, String to, int port) {
    return rule(id, Verdict.VERDICT_ALLOW, from, to)
        .setProtocol(Protocol.PROTOCOL_TCP)
        .addPorts(PortRange.newBuilder().setFirst(port).setLast(port))
        .build();
  }

  public static GatewayTableUpdate snapshot(
      long version, List<AuthorizedPeer> peers, List<FlowRule> rules) {
    return GatewayTableUpdate.newBuilder()
        .setSnapshot(
            GatewayTable.newBuilder()
                .setVersion(version)
                .setGatewayName("edge")
                .addAllPeers(peers)
                .addAllRules(rules))
        .build();
  }

  public static GatewayTableDelta.Builder delta(long from, long to) {
    return GatewayTableDelta.newBuilder().setFromVersion(from).setToVersion(to);
  }

  public static GatewayTableUpdate update(GatewayTableDelta.Builder d) {
    return GatewayTableUpdate.newBuilder().setDelta(d).build();
  }

  static byte[] octets(String literal) {
    return InetAddress.ofLiteral(literal).getAddress();
  }
}
