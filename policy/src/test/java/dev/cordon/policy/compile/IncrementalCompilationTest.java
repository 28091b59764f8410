package dev.cordon.policy.compile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cordon.policy.model.PolicyDocument;
import dev.cordon.policy.registry.DeviceRecord;
import dev.cordon.policy.testing.RandomPolicies;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * After any sequence of device changes, the incrementally maintained tables equal a full
 * recompilation, and each change's deltas turn the old tables into the new ones.
 */
class IncrementalCompilationTest {

  @Property(tries = 200)
  void incrementalCompilationEqualsFullRecompilation(@ForAll long seed) {
    RandomPolicies gen = new RandomPolicies(seed);
    PolicyDocument doc = gen.document();
    Map<String, DeviceRecord> registry = new LinkedHashMap<>();
    for (DeviceRecord d : gen.devices(10)) registry.put(d.id(), d);
    PolicyCompiler c = PolicyCompiler.compile(doc, registry.values());
    for (int step = 0; step < 25; step++) {
      Map<String, GatewayTable> before = c.gatewayTables();
      Map<String, DeviceTable> devicesBefore = new TreeMap<>(c.deviceTables());
      long versionBefore = c.version();
      Changes changes;
      int idx = gen.random().nextInt(14);
      if (gen.random().nextInt(5) == 0) {
        registry.remove("d" + idx);
        changes = c.remove("d" + idx);
      } else {
        DeviceRecord d = gen.device(idx, step);
        registry.put(d.id(), d);
        changes = c.upsert(d);
      }
      PolicyCompiler full = PolicyCompiler.compile(doc, registry.values());
      String where = "seed " + seed + " step " + step;
      for (String g : full.gatewayTables().keySet()) {
        assertTrue(full.gatewayTable(g).sameContentAs(c.gatewayTable(g)), where + " gateway " + g);
      }
      assertEquals(full.deviceTables().keySet(), c.deviceTables().keySet(), where);
      for (var e : full.deviceTables().entrySet()) {
        assertTrue(
            e.getValue().sameContentAs(c.deviceTables().get(e.getKey())),
            where + " device " + e.getKey());
      }
      assertTrue(c.version() >= versionBefore, where);
      assertEquals(changes.isEmpty(), c.version() == versionBefore, where);
      for (GatewayDelta delta : changes.gateways()) {
        assertEquals(before.get(delta.gateway()).version(), delta.fromVersion(), where);
        assertEquals(
            c.gatewayTable(delta.gateway()).peers(),
            applied(before.get(delta.gateway()).peers(), delta),
            where);
        assertEquals(
            delta,
            GatewayDelta.between(before.get(delta.gateway()), c.gatewayTable(delta.gateway())),
            where);
      }
      for (String g : before.keySet()) {
        boolean touched = changes.gateways().stream().anyMatch(x -> x.gateway().equals(g));
        if (!touched) assertEquals(before.get(g), c.gatewayTable(g), where + " untouched " + g);
      }
      for (DeviceDelta delta : changes.devices()) {
        DeviceTable old = devicesBefore.get(delta.deviceId());
        DeviceTable now = c.deviceTable(delta.deviceId()).orElse(null);
        assertEquals(DeviceDelta.between(delta.deviceId(), old, now), delta, where);
      }
    }
  }

  private static Map<String, AuthorizedPeer> applied(
      Map<String, AuthorizedPeer> peers, GatewayDelta d) {
    Map<String, AuthorizedPeer> out = new TreeMap<>(peers);
    d.addedPeers().forEach(p -> out.put(p.deviceId(), p));
    d.changedPeers().forEach(p -> out.put(p.deviceId(), p));
    d.removedPeers().forEach(out::remove);
    return out;
  }
}
