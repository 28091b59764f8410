package dev.cordon.policy.enforce;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.cordon.policy.compile.AuthorizedPeer;
import dev.cordon.policy.compile.GatewayTable;
import dev.cordon.policy.compile.PolicyCompiler;
import dev.cordon.policy.eval.Decision;
import dev.cordon.policy.eval.FlowQuery;
import dev.cordon.policy.eval.PolicyEvaluator;
import dev.cordon.policy.model.IpAddress;
import dev.cordon.policy.model.PolicyDocument;
import dev.cordon.policy.registry.DeviceRecord;
import dev.cordon.policy.testing.RandomPolicies;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/**
 * The compiled first-packet evaluator must answer exactly as the reference evaluator that walks
 * every rule, over the same gateway's view of the registry (its authorized peers).
 */
class CompiledEvaluatorDifferentialTest {

  @Property(tries = 300)
  void theCompiledEvaluatorAgreesWithTheLinearOneOnRandomPolicies(@ForAll long seed) {
    check(seed, 60);
  }

  @Test
  void coverageOfTheRandomFlowsIncludesEveryKindOfAnswer() {
    Map<dev.cordon.policy.eval.DenyReason, Integer> reasons =
        new EnumMap<>(dev.cordon.policy.eval.DenyReason.class);
    int allowed = 0;
    for (long seed = 0; seed < 400; seed++) {
      for (Decision d : check(seed, 40)) {
        if (d.allowed()) allowed++;
        else reasons.merge(d.reason(), 1, Integer::sum);
      }
    }
    // A differential test is only as good as the answers it reaches.
    assertEquals(true, allowed > 100, "allowed " + allowed);
    for (var r :
        List.of(
            dev.cordon.policy.eval.DenyReason.EXPLICIT_DENY,
            dev.cordon.policy.eval.DenyReason.NO_MATCHING_RULE,
            dev.cordon.policy.eval.DenyReason.UNKNOWN_DESTINATION,
            dev.cordon.policy.eval.DenyReason.QUARANTINED,
            dev.cordon.policy.eval.DenyReason.POSTURE_FAILED,
            dev.cordon.policy.eval.DenyReason.OUTSIDE_TIME_WINDOW,
            dev.cordon.policy.eval.DenyReason.LOCATION_MISMATCH)) {
      assertEquals(true, reasons.getOrDefault(r, 0) > 5, r + " seen " + reasons);
    }
  }

  private static List<Decision> check(long seed, int flows) {
    RandomPolicies gen = new RandomPolicies(seed);
    PolicyDocument doc = gen.document();
    List<DeviceRecord> devices = gen.devices(12);
    PolicyCompiler compiler = PolicyCompiler.compile(doc, devices);
    List<Decision> seen = new java.util.ArrayList<>();
    for (GatewayTable table : compiler.gatewayTables().values()) {
      FirstPacketEvaluator fast = FirstPacketEvaluator.of(table);
      List<DeviceRecord> view =
          devices.stream().filter(d -> table.peers().containsKey(d.id())).toList();
      PolicyEvaluator slow = new PolicyEvaluator(doc, view);
      if (view.isEmpty()) continue;
      for (int i = 0; i < flows; i++) {
        DeviceRecord src = view.get(gen.random().nextInt(view.size()));
        IpAddress dst = gen.destination(devices);
        int proto = gen.proto();
        int port = gen.port(proto);
        long t = gen.time();
        Decision expected =
            slow.decide(
                FlowQuery.from(src)
                    .toAddress(dst)
                    .proto(proto, port)
                    .atMillis(t)
                    .via(table.gateway())
                    .build());
        Decision got = fast.decide(src.overlayAddress(), dst, proto, port, t);
        assertEquals(
            expected,
            got,
            () ->
                "seed "
                    + seed
                    + " gateway "
                    + table.gateway()
                    + " "
                    + src
                    + " -> "
                    + dst
                    + " proto "
                    + proto
                    + " port "
                    + port
                    + " at "
                    + java.time.Instant.ofEpochMilli(t)
                    + "\n"
                    + doc);
        seen.add(got);
      }
    }
    return seen;
  }

  @Test
  void aSenderThatIsNoPeerIsAnUnknownSource() {
    RandomPolicies gen = new RandomPolicies(7);
    PolicyCompiler c = PolicyCompiler.compile(gen.document(), gen.devices(5));
    FirstPacketEvaluator e = FirstPacketEvaluator.of(c.gatewayTable("hq"));
    Decision d = e.decide(IpAddress.parse("198.51.100.1"), IpAddress.parse("10.1.2.3"), 6, 443, 0);
    assertEquals(Decision.defaultDeny(dev.cordon.policy.eval.DenyReason.UNKNOWN_SOURCE), d);
    for (AuthorizedPeer p : c.gatewayTable("hq").peers().values()) {
      assertEquals(true, p.status().authorized());
    }
  }
}
