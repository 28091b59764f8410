package dev.cordon.policy.enforce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cordon.policy.compile.FlowRule;
import dev.cordon.policy.compile.GatewayTable;
import dev.cordon.policy.compile.PolicyCompiler;
import dev.cordon.policy.model.IpAddress;
import dev.cordon.policy.registry.DeviceRecord;
import dev.cordon.policy.testing.RandomPolicies;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/**
 * An evaluator built for new rules over the very same peers, reusing the previous evaluator's peer
 * index, decides every flow exactly as one built from scratch for the same table; the index is
 * reused only when the new rules number segments as the old ones did.
 */
class ReusedPeerIndexTest {

  @Property(tries = 300)
  void reusingThePeerIndexNeverChangesADecision(@ForAll long seed) {
    RandomPolicies gen = new RandomPolicies(seed);
    List<DeviceRecord> devices = gen.devices(12);
    PolicyCompiler before = PolicyCompiler.compile(gen.document(), devices);
    PolicyCompiler other = PolicyCompiler.compile(gen.document(), devices);
    for (GatewayTable old : before.gatewayTables().values()) {
      FirstPacketEvaluator previous = FirstPacketEvaluator.of(old);
      List<FlowRule> rules =
          switch (gen.random().nextInt(4)) {
            case 0 -> old.rules(); // same rules at a new version: always reused
            case 1 -> new ArrayList<>(old.rules()).reversed();
            case 2 -> withoutOne(old.rules(), gen);
            default ->
                other.gatewayTables().containsKey(old.gateway())
                    ? other.gatewayTable(old.gateway()).rules()
                    : List.of();
          };
      GatewayTable next = old.withRules(old.version() + 1, old.relay(), rules, old.services());
      FirstPacketEvaluator reused = FirstPacketEvaluator.of(next, previous);
      FirstPacketEvaluator fresh = FirstPacketEvaluator.of(copyOf(next));
      assertFalse(fresh.sharesPeerIndexWith(previous), "a copied table is indexed again");
      if (rules == old.rules()) {
        assertTrue(reused.sharesPeerIndexWith(previous), "seed " + seed + ": same rules, reused");
      }
      assertDecideAlike(fresh, reused, old, gen, devices, "seed " + seed);
    }
  }

  @Property(tries = 300)
  void reusingTheRuleIndexesAndUpdatingThePeerIndexNeverChangesADecision(@ForAll long seed) {
    RandomPolicies gen = new RandomPolicies(seed);
    var doc = gen.document();
    List<DeviceRecord> devices = gen.devices(12);
    PolicyCompiler compiler = PolicyCompiler.compile(doc, devices);
    for (GatewayTable old : compiler.gatewayTables().values()) {
      FirstPacketEvaluator previous = FirstPacketEvaluator.of(old);
      for (int c = gen.random().nextInt(4); c >= 0; c--) {
        compiler.upsert(gen.device(gen.random().nextInt(12), 1 + gen.random().nextInt(3)));
      }
      GatewayTable now = compiler.gatewayTable(old.gateway());
      java.util.Set<String> changed = new java.util.HashSet<>();
      old.peers()
          .forEach(
              (id, p) -> {
                if (!p.equals(now.peers().get(id))) changed.add(id);
              });
      now.peers()
          .forEach(
              (id, p) -> {
                if (!p.equals(old.peers().get(id))) changed.add(id);
              });
      if (!old.peers().isEmpty()) changed.add(old.peers().keySet().iterator().next()); // harmless
      // The same rule and service lists, other peers: what a gateway holds after a peer delta.
      GatewayTable next =
          new GatewayTable(
              old.gateway(),
              old.version() + 1,
              old.relay(),
              now.peers(),
              old.rules(),
              old.services());
      FirstPacketEvaluator reused =
          gen.random().nextBoolean()
              ? FirstPacketEvaluator.of(next, previous, changed) // the peer index updated in place
              : FirstPacketEvaluator.of(next, previous);
      FirstPacketEvaluator fresh = FirstPacketEvaluator.of(copyOf(next));
      assertTrue(reused.sharesRulesWith(previous), "seed " + seed + ": same rule lists, reused");
      assertFalse(fresh.sharesRulesWith(previous));
      assertDecideAlike(fresh, reused, next, gen, devices, "seed " + seed);
    }
  }

  @Test
  void aTableMadeWithNewRulesSharesItsPeersAndAnyOtherMapIsCopied() {
    RandomPolicies gen = new RandomPolicies(11);
    GatewayTable t = PolicyCompiler.compile(gen.document(), gen.devices(8)).gatewayTable("hq");
    GatewayTable next = t.withRules(t.version() + 1, t.relay(), List.of(), t.services());
    assertTrue(next.peers() == t.peers(), "withRules shares the peers");
    GatewayTable copied = copyOf(t);
    assertFalse(copied.peers() == t.peers(), "a plain map is copied");
    assertEquals(t.peers(), copied.peers());
  }

  /** 60 random flows, from the table's peers and from an address that is none of them. */
  private static void assertDecideAlike(
      FirstPacketEvaluator expected,
      FirstPacketEvaluator actual,
      GatewayTable table,
      RandomPolicies gen,
      List<DeviceRecord> devices,
      String where) {
    List<IpAddress> sources = new ArrayList<>();
    table.peers().values().forEach(p -> sources.add(p.overlayAddress()));
    sources.add(gen.destination(devices));
    for (int i = 0; i < 60; i++) {
      IpAddress src = sources.get(gen.random().nextInt(sources.size()));
      IpAddress dst = gen.destination(devices);
      int proto = gen.proto();
      int port = gen.port(proto);
      long t = gen.time();
      assertEquals(
          expected.decide(src, dst, proto, port, t),
          actual.decide(src, dst, proto, port, t),
          where + " " + table.gateway() + " " + src + " -> " + dst + ":" + port);
    }
  }

  private static GatewayTable copyOf(GatewayTable t) {
    return new GatewayTable(
        t.gateway(),
        t.version(),
        t.relay(),
        new HashMap<>(t.peers()),
        new ArrayList<>(t.rules()),
        new ArrayList<>(t.services()));
  }

  private static List<FlowRule> withoutOne(List<FlowRule> rules, RandomPolicies gen) {
    List<FlowRule> out = new ArrayList<>(rules);
    if (!out.isEmpty()) out.remove(gen.random().nextInt(out.size()));
    return out;
  }
}
