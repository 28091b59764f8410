package dev.cordon.gateway.enforce;

import static dev.cordon.gateway.support.Tables.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.cordon.gateway.packet.IpHeaders;
import dev.cordon.gateway.packet.Packets;
import dev.cordon.gateway.support.Recorder;
import dev.cordon.gateway.table.GatewayTableState;
import dev.cordon.gateway.table.LatencyHistogram;
import dev.cordon.gateway.table.TableApplier;
import dev.cordon.policy.model.IpPrefix;
import dev.cordon.proto.v1.AuthorizedPeer;
import dev.cordon.proto.v1.DeviceStatus;
import dev.cordon.proto.v1.FlowRule;
import dev.cordon.proto.v1.PortRange;
import dev.cordon.proto.v1.Protocol;
import dev.cordon.proto.v1.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The pipeline against a naive reading of the table (a loop over every rule) on random tables and
 * random first packets: same pass or drop, same reason.
 */
class EnforcerDifferentialTest {
  static final String[] SEGMENTS = {"a", "b", "c", "quarantine"};
  static final int[] PORTS = {22, 80, 443};
  static final long NOW = 1_780_000_000_000L;

  record Peer(int key, String overlay, boolean quarantined, List<String> segments) {}

  @Test
  void thePipelineAgreesWithANaiveEvaluationOnRandomTablesAndPackets() throws Exception {
    Random rnd = new Random(20260511);
    int compared = 0;
    for (int t = 0; t < 150; t++) {
      List<Peer> peers = peers(rnd);
      List<FlowRule> rules = rules(rnd);
      GatewayTableState state = new GatewayTableState("edge");
      Recorder device = new Recorder();
      Enforcer enforcer =
          new Enforcer(PolicySnapshot.empty(), 10_000, new DropCounters(), n -> true, device);
      new TableApplier(state, device, enforcer, new LatencyHistogram(), () -> NOW, System::nanoTime)
          .apply(snapshot(1, proto(peers), rules), 0, NOW, (v, r, a) -> {});
      IpHeaders h = new IpHeaders();
      for (int i = 0; i < 60; i++) {
        Peer sender = peers.get(rnd.nextInt(peers.size()));
        String src = rnd.nextInt(8) == 0 ? "100.64.0." + (1 + rnd.nextInt(8)) : sender.overlay;
        String dst = destination(rnd, peers);
        int proto = new int[] {6, 17, 1}[rnd.nextInt(3)];
        int port = PORTS[rnd.nextInt(PORTS.length)];
        int sport = 10_000 + t * 100 + i;
        byte[] p =
            switch (proto) {
              case 6 -> Packets.tcp(src, sport, dst, port, 0x02);
              case 17 -> Packets.udp(src, sport, dst, port);
              default -> Packets.echo(src, dst, sport, false);
            };
        PeerSlot slot = state.slot(new PeerKey(key(sender.key)));
        DropReason got = enforcer.outside(slot, p, 0, p.length, h, NOW);
        DropReason want = naive(sender, src, dst, proto, proto == 1 ? 0 : port, peers, rules);
        int table = t;
        assertEquals(want, got, () -> "table " + table + ": " + sender + " " + src + " -> " + dst);
        compared++;
      }
    }
    assertEquals(150 * 60, compared);
  }

  static DropReason naive(
      Peer s, String src, String dst, int proto, int port, List<Peer> peers, List<FlowRule> rules) {
    if (!src.equals(s.overlay)) return DropReason.SPOOFED_SOURCE;
    boolean relay = rules.stream().anyMatch(r -> r.getToSegmentsCount() > 0);
    Peer dstPeer =
        relay ? peers.stream().filter(p -> p.overlay.equals(dst)).findFirst().orElse(null) : null;
    boolean allow = false, deny = false, known = dstPeer != null;
    for (FlowRule r : rules) {
      boolean isDeny = r.getAction() == Verdict.VERDICT_DENY;
      boolean prefixHit = false;
      for (var pre : r.getToPrefixesList()) {
        IpPrefix x =
            new IpPrefix(
                dev.cordon.policy.model.IpAddress.of(pre.getOctets().toByteArray()),
                pre.getLength());
        if (x.contains(dev.cordon.policy.model.IpAddress.parse(dst))) prefixHit = true;
      }
      known |= prefixHit;
      boolean from =
          r.getFromSegmentsCount() == 0
              ? isDeny || !s.quarantined
              : r.getFromSegmentsList().stream().anyMatch(s.segments::contains);
      boolean to =
          prefixHit
              || (dstPeer != null
                  && r.getToSegmentsList().stream().anyMatch(dstPeer.segments::contains));
      boolean protoOk =
          switch (r.getProtocol()) {
            case PROTOCOL_TCP -> proto == 6;
            case PROTOCOL_UDP -> proto == 17;
            case PROTOCOL_ICMP -> proto == 1;
            default -> true;
          };
      boolean portOk =
          r.getPortsCount() == 0
              || ((proto == 6 || proto == 17)
                  && r.getPortsList().stream()
                      .anyMatch(pr -> pr.getFirst() <= port && port <= pr.getLast()));
      if (from && to && protoOk && portOk) {
        if (isDeny) deny = true;
        else allow = true;
      }
    }
    if (deny) return DropReason.EXPLICIT_DENY;
    if (allow) return null;
    if (s.quarantined) return DropReason.QUARANTINED;
    return known ? DropReason.NO_MATCHING_RULE : DropReason.UNKNOWN_DESTINATION;
  }

  static List<Peer> peers(Random rnd) {
    List<Peer> out = new ArrayList<>();
    int n = 2 + rnd.nextInt(5);
    for (int i = 1; i <= n; i++) {
      boolean q = rnd.nextInt(4) == 0;
      List<String> segs = new ArrayList<>();
      if (q) segs.add("quarantine");
      else for (int s = 0; s < 3; s++) if (rnd.nextBoolean()) segs.add(SEGMENTS[s]);
      out.add(new Peer(i, "100.64.0." + i, q, segs));
    }
    return out;
  }

  static List<AuthorizedPeer> proto(List<Peer> peers) {
    return peers.stream()
        .map(
            p ->
                peer(
                        p.key,
                        "d" + p.key,
                        p.overlay,
                        p.quarantined
                            ? DeviceStatus.DEVICE_STATUS_QUARANTINED
                            : DeviceStatus.DEVICE_STATUS_ACTIVE,
                        p.segments.toArray(String[]::new))
                    .build())
        .toList();
  }

  static List<FlowRule> rules(Random rnd) {
    List<FlowRule> out = new ArrayList<>();
    int n = 1 + rnd.nextInt(6);
    for (int i = 0; i < n; i++) {
      Verdict action = rnd.nextInt(3) == 0 ? Verdict.VERDICT_DENY : Verdict.VERDICT_ALLOW;
      String from = rnd.nextInt(4) == 0 ? "any" : SEGMENTS[rnd.nextInt(SEGMENTS.length)];
      String to =
          switch (rnd.nextInt(4)) {
            case 0 -> "segment:" + SEGMENTS[rnd.nextInt(SEGMENTS.length)];
            case 1 -> "10.0." + rnd.nextInt(3) + ".0/24";
            case 2 -> "10.0." + rnd.nextInt(3) + "." + rnd.nextInt(3) + "/32";
            default -> "10.0.0.0/16";
          };
      var b = rule("r" + i, action, from, to);
      b.setProtocol(
          new Protocol[] {
                Protocol.PROTOCOL_ANY,
                Protocol.PROTOCOL_TCP,
                Protocol.PROTOCOL_UDP,
                Protocol.PROTOCOL_ICMP
              }
              [rnd.nextInt(4)]);
      if (b.getProtocol() != Protocol.PROTOCOL_ICMP && rnd.nextBoolean()) {
        int port = PORTS[rnd.nextInt(PORTS.length)];
        b.addPorts(PortRange.newBuilder().setFirst(port).setLast(port + rnd.nextInt(2) * 400));
      }
      out.add(b.build());
    }
    return out;
  }

  static String destination(Random rnd, List<Peer> peers) {
    return switch (rnd.nextInt(4)) {
      case 0 -> peers.get(rnd.nextInt(peers.size())).overlay;
      case 1 -> "192.0.2." + rnd.nextInt(3);
      default -> "10.0." + rnd.nextInt(4) + "." + rnd.nextInt(4);
    };
  }
}
