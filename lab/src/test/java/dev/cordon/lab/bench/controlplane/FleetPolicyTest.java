package dev.cordon.lab.bench.controlplane;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cordon.policy.load.PolicyLoader;
import dev.cordon.policy.model.PolicyDocument;
import org.junit.jupiter.api.Test;

class FleetPolicyTest {
  @Test
  void theGeneratedPolicyLoadsWithOneServiceAndRulePerGateway() {
    PolicyDocument doc = load(FleetPolicy.yaml(10, 0));
    assertEquals(10, doc.gateways().size());
    assertEquals(10, doc.services().size());
    assertEquals(10, doc.rules().size());
    assertEquals(FleetPolicy.SEGMENTS, doc.segments().size());
    assertEquals("gw-3", doc.service("svc-3").orElseThrow().gateway());
  }

  @Test
  void eachRevisionMovesEveryRuleToANewPort() {
    PolicyDocument r0 = load(FleetPolicy.yaml(3, 0));
    PolicyDocument r7 = load(FleetPolicy.yaml(3, 7));
    for (int g = 0; g < 3; g++) {
      assertEquals(1000, r0.rules().get(g).ports().ranges().getFirst().first());
      assertEquals(1007, r7.rules().get(g).ports().ranges().getFirst().first());
    }
    assertNotEquals(r0.rules(), r7.rules());
  }

  @Test
  void devicesAreSpreadOverTheSegmentsByTheirGroupLabel() {
    assertEquals("g0", FleetPolicy.groupOf(0));
    assertEquals("g3", FleetPolicy.groupOf(13));
  }

  @Test
  void outOfRangeArgumentsAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> FleetPolicy.yaml(0, 0));
    assertThrows(IllegalArgumentException.class, () -> FleetPolicy.yaml(1, 70_000));
  }

  private static PolicyDocument load(String yaml) {
    var result = PolicyLoader.load(yaml);
    assertTrue(result.problems().isEmpty(), () -> "problems: " + result.problems());
    return result.document().orElseThrow();
  }
}
