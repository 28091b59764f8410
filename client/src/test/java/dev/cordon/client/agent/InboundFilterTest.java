package dev.cordon.client.agent;

import static dev.cordon.client.agent.Packets.ACK;
import static dev.cordon.client.agent.Packets.SYN;
import static dev.cordon.client.agent.Packets.echo;
import static dev.cordon.client.agent.Packets.tcp;
import static dev.cordon.client.agent.Packets.udp;
import static dev.cordon.client.agent.Tables.prefix;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.cordon.proto.v1.FlowRule;
import dev.cordon.proto.v1.PortRange;
import dev.cordon.proto.v1.Protocol;
import dev.cordon.proto.v1.TimeWindow;
import dev.cordon.tunnel.DropReason;
import dev.cordon.tunnel.Verdict;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class InboundFilterTest {

  private static final String ME = "100.64.0.7";
  private static final String ADMIN = "100.64.1.5";
  private static final String STRANGER = "100.64.9.9";
  private static final String PEER = "gw";

  /** Monday 2025-06-02 10:00 UTC. */
  private final AtomicLong now =
      new AtomicLong(Instant.parse("2025-06-02T10:00:00Z").toEpochMilli());

  private final InboundFilter filter = new InboundFilter(now::get);

  private static FlowRule.Builder allowSshFromAdmins() {
    return FlowRule.newBuilder()
        .setRuleId("ssh-from-admins")
        .setAction(dev.cordon.proto.v1.Verdict.VERDICT_ALLOW)
        .addFromPrefixes(prefix("100.64.1.0/24"))
        .addToPrefixes(prefix(ME + "/32"))
        .setProtocol(Protocol.PROTOCOL_TCP)
        .addPorts(PortRange.newBuilder().setFirst(22).setLast(22));
  }

  private void rules(long version, FlowRule.Builder... rules) {
    filter.update(
        InboundRules.compile(List.of(rules).stream().map(FlowRule.Builder::build).toList()),
        version);
  }

  private Verdict in(byte[] packet) {
    return filter.inbound(PEER, packet, 0, packet.length);
  }

  private Verdict out(byte[] packet) {
    return filter.outbound(PEER, packet, 0, packet.length);
  }

  private static Verdict dropped(DropReason reason) {
    return Verdict.drop(reason);
  }

  @Test
  void anInboundFlowTheRulesAllowPassesAndItsLaterSegmentsToo() {
    rules(1, allowSshFromAdmins());
    assertEquals(Verdict.ALLOW, in(tcp(ADMIN, 40000, ME, 22, SYN)));
    assertEquals(Verdict.ALLOW, out(tcp(ME, 22, ADMIN, 40000, SYN | ACK)));
    assertEquals(Verdict.ALLOW, in(tcp(ADMIN, 40000, ME, 22, ACK)));
  }

  @Test
  void anInboundFlowFromASenderNoRuleNamesIsDroppedByTheDefaultDeny() {
    rules(1, allowSshFromAdmins());
    assertEquals(dropped(InboundFilter.NO_MATCHING_RULE), in(tcp(STRANGER, 40000, ME, 22, SYN)));
    assertEquals(dropped(InboundFilter.NO_MATCHING_RULE), in(tcp(ADMIN, 40000, ME, 23, SYN)));
    assertEquals(dropped(InboundFilter.NO_MATCHING_RULE), in(udp(ADMIN, 40000, ME, 22)));
  }

  @Test
  void withNoRulesEveryInboundFlowIsDropped() {
    assertEquals(dropped(InboundFilter.NO_MATCHING_RULE), in(echo(ADMIN, ME, true, 7)));
  }

  @Test
  void aDenyRuleWinsOverAnAllowRule() {
    rules(
        1,
        allowSshFromAdmins(),
        FlowRule.newBuilder()
            .setRuleId("not-that-admin")
            .setAction(dev.cordon.proto.v1.Verdict.VERDICT_DENY)
            .addFromPrefixes(prefix(ADMIN + "/32")));
    assertEquals(dropped(InboundFilter.DENY_RULE), in(tcp(ADMIN, 40000, ME, 22, SYN)));
    assertEquals(Verdict.ALLOW, in(tcp("100.64.1.6", 40000, ME, 22, SYN)));
  }

  @Test
  void repliesToTheDevicesOwnFlowsPassThoughNoRuleAllowsThem() {
    assertEquals(Verdict.ALLOW, out(udp(ME, 5353, STRANGER, 53)));
    assertEquals(Verdict.ALLOW, in(udp(STRANGER, 53, ME, 5353)));
    assertEquals(Verdict.ALLOW, out(tcp(ME, 50000, STRANGER, 443, SYN)));
    assertEquals(Verdict.ALLOW, in(tcp(STRANGER, 443, ME, 50000, SYN | ACK)));
    assertEquals(Verdict.ALLOW, out(echo(ME, STRANGER, true, 9)));
    assertEquals(Verdict.ALLOW, in(echo(STRANGER, ME, false, 9)));
    // The same sender opening its own flow is still judged by the rules.
    assertEquals(dropped(InboundFilter.NO_MATCHING_RULE), in(udp(STRANGER, 53, ME, 5354)));
  }

  @Test
  void aTcpSegmentThatContinuesAConnectionNobodyOpenedIsDropped() {
    rules(1, allowSshFromAdmins());
    assertEquals(dropped(InboundFilter.NO_TRACKED_FLOW), in(tcp(ADMIN, 40000, ME, 22, ACK)));
  }

  @Test
  void aNewTableVersionCutsATrackedInboundFlowItNoLongerAllows() {
    rules(1, allowSshFromAdmins());
    assertEquals(Verdict.ALLOW, in(tcp(ADMIN, 40000, ME, 22, SYN)));
    rules(2);
    assertEquals(dropped(InboundFilter.NO_MATCHING_RULE), in(tcp(ADMIN, 40000, ME, 22, ACK)));
  }

  @Test
  void aNewTableVersionKeepsRepliesToTheDevicesOwnFlows() {
    assertEquals(Verdict.ALLOW, out(udp(ME, 5353, STRANGER, 53)));
    rules(2);
    assertEquals(Verdict.ALLOW, in(udp(STRANGER, 53, ME, 5353)));
  }

  @Test
  void anAllowRuleOutsideItsTimeWindowDropsForTheWindow() {
    rules(
        1,
        allowSshFromAdmins()
            .addTimeWindows(
                TimeWindow.newBuilder()
                    .addDays(1)
                    .setStartMinute(8 * 60)
                    .setEndMinute(9 * 60)
                    .setTimeZone("UTC")));
    assertEquals(dropped(InboundFilter.TIME_WINDOW), in(tcp(ADMIN, 40000, ME, 22, SYN)));
    now.set(Instant.parse("2025-06-02T08:30:00Z").toEpochMilli());
    assertEquals(Verdict.ALLOW, in(tcp(ADMIN, 40001, ME, 22, SYN)));
  }

  @Test
  void aRuleWhoseSegmentsResolvedToNobodyMatchesNobody() {
    rules(
        1,
        FlowRule.newBuilder()
            .setRuleId("from-empty-segment")
            .setAction(dev.cordon.proto.v1.Verdict.VERDICT_ALLOW)
            .addFromSegments("cameras"));
    assertEquals(dropped(InboundFilter.NO_MATCHING_RULE), in(udp(ADMIN, 1, ME, 2)));
  }

  @Test
  void aDenyRuleWithAnUnreadablePrefixDeniesMoreNotLess() {
    rules(
        1,
        allowSshFromAdmins(),
        FlowRule.newBuilder()
            .setRuleId("broken-deny")
            .setAction(dev.cordon.proto.v1.Verdict.VERDICT_DENY)
            .addFromPrefixes(
                dev.cordon.proto.v1.IpPrefix.newBuilder()
                    .setOctets(com.google.protobuf.ByteString.copyFrom(new byte[3]))
                    .setLength(8)));
    assertEquals(dropped(InboundFilter.DENY_RULE), in(tcp(ADMIN, 40000, ME, 22, SYN)));
  }

  @Test
  void aMalformedPacketIsDroppedAndNamedSo() {
    assertEquals(dropped(InboundFilter.MALFORMED), in(new byte[] {0x45, 0, 0}));
    byte[] truncated = tcp(ADMIN, 1, ME, 22, SYN);
    assertEquals(
        dropped(InboundFilter.MALFORMED), filter.inbound(PEER, truncated, 0, truncated.length - 5));
  }

  @Test
  void ipv6FlowsAreJudgedLikeIpv4Flows() {
    filter.update(
        InboundRules.compile(
            List.of(
                FlowRule.newBuilder()
                    .setRuleId("v6-web")
                    .setAction(dev.cordon.proto.v1.Verdict.VERDICT_ALLOW)
                    .addFromPrefixes(prefix("fd00:1::/64"))
                    .setProtocol(Protocol.PROTOCOL_TCP)
                    .addPorts(PortRange.newBuilder().setFirst(443).setLast(443))
                    .build())),
        1);
    assertEquals(Verdict.ALLOW, in(tcp("fd00:1::5", 40000, "fd00:9::7", 443, SYN)));
    assertEquals(
        dropped(InboundFilter.NO_MATCHING_RULE),
        in(tcp("fd00:2::5", 40000, "fd00:9::7", 443, SYN)));
  }

  @Test
  void theParserReadsTheFiveTupleAndRejectsShortTransportHeaders() {
    InnerPacket p = InnerPacket.parse(tcp(ADMIN, 40000, ME, 22, SYN), 0, 40);
    assertEquals(6, p.ipProto());
    assertEquals(40000, p.sourcePort());
    assertEquals(22, p.destinationPort());
    assertEquals(SYN, p.tcpFlags());
    byte[] shortUdp = Packets.ip(17, ADMIN, ME, new byte[4]);
    assertNull(InnerPacket.parse(shortUdp, 0, shortUdp.length));
  }
}
