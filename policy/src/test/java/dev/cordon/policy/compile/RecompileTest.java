package dev.cordon.policy.compile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cordon.policy.model.PolicyDocument;
import dev.cordon.policy.model.Rule;
import dev.cordon.policy.registry.DeviceRecord;
import dev.cordon.policy.testing.RandomPolicies;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * Recompiling for a new document from the previous compiler gives the same tables as compiling the
 * new document from scratch, whether or not the new document places devices as the old one did, and
 * keeps following device changes the same way; the previous compiler is spent.
 */
class RecompileTest {

  @Property(tries = 300)
  void recompilingEqualsCompilingTheNewDocumentFromScratch(@ForAll long seed) {
    RandomPolicies gen = new RandomPolicies(seed);
    PolicyDocument before = gen.document();
    Map<String, DeviceRecord> registry = new LinkedHashMap<>();
    for (DeviceRecord d : gen.devices(12)) registry.put(d.id(), d);
    PolicyCompiler old = PolicyCompiler.compile(before, registry.values());
    DeviceRecord moved = gen.device(3, 1);
    registry.put(moved.id(), moved);
    old.upsert(moved); // the previous compiler has followed a change before the new document
    PolicyDocument after =
        switch (gen.random().nextInt(3)) {
          case 0 -> withRules(before, reversed(before.rules())); // same placement, new order
          case 1 -> withRules(before, withoutOne(before.rules(), gen)); // maybe new placement
          default -> gen.document(); // another document altogether
        };
    String where = "seed " + seed;

    Map<String, DeviceTable> oldDeviceTables = old.deviceTables();
    PolicyCompiler re = PolicyCompiler.recompile(old, after, 7);
    assertSame(PolicyCompiler.compile(after, registry.values(), 7), re, where);
    for (var e : re.deviceTables().entrySet()) {
      // A kept table did not change, so it keeps its version; a recompiled one has the new one.
      long expected = re.keptDevices() ? oldDeviceTables.get(e.getKey()).version() : 7;
      assertEquals(expected, e.getValue().version(), where + " version of " + e.getKey());
    }

    // Both keep following device changes on their own.
    DeviceRecord next = gen.device(5, 2);
    PolicyCompiler full = PolicyCompiler.compile(after, registry.values(), 7);
    full.upsert(next);
    re.upsert(next);
    assertSame(full, re, where + " after a later change");
    IllegalStateException spent =
        assertThrows(IllegalStateException.class, () -> old.upsert(next), where);
    assertTrue(spent.getMessage().contains("handed to a recompile"), spent.getMessage());
  }

  private static void assertSame(PolicyCompiler expected, PolicyCompiler actual, String where) {
    assertEquals(expected.version(), actual.version(), where);
    assertSameContent(expected, actual, where);
    for (var e : expected.gatewayTables().entrySet()) {
      assertEquals(
          e.getValue().version(), actual.gatewayTable(e.getKey()).version(), where + e.getKey());
    }
  }

  private static void assertSameContent(
      PolicyCompiler expected, PolicyCompiler actual, String where) {
    assertEquals(expected.gatewayTables().keySet(), actual.gatewayTables().keySet(), where);
    for (var e : expected.gatewayTables().entrySet()) {
      GatewayTable got = actual.gatewayTable(e.getKey());
      assertTrue(e.getValue().sameContentAs(got), where + " gateway " + e.getKey());
    }
    assertEquals(expected.deviceTables().keySet(), actual.deviceTables().keySet(), where);
    for (var e : expected.deviceTables().entrySet()) {
      DeviceTable got = actual.deviceTables().get(e.getKey());
      assertTrue(e.getValue().sameContentAs(got), where + " device " + e.getKey());
    }
  }

  private static PolicyDocument withRules(PolicyDocument d, List<Rule> rules) {
    return new PolicyDocument(
        d.gateways(), d.segments(), d.services(), rules, d.quarantine(), d.playbooks());
  }

  private static List<Rule> reversed(List<Rule> rules) {
    return new ArrayList<>(rules).reversed();
  }

  private static List<Rule> withoutOne(List<Rule> rules, RandomPolicies gen) {
    List<Rule> out = new ArrayList<>(rules);
    if (!out.isEmpty()) out.remove(gen.random().nextInt(out.size()));
    return out;
  }
}
