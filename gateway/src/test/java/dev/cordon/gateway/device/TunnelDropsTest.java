package dev.cordon.gateway.device;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.cordon.gateway.enforce.DropReason;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TunnelDropsTest {
  static dev.cordon.tunnel.DropReason tunnel(String name) {
    return new dev.cordon.tunnel.DropReason(name);
  }

  @Test
  void aSourceOutsideThePeersAllowedIpsDroppedByTheTunnelIsCountedAsASpoofedSource() {
    var merged =
        TunnelDrops.merged(
            Map.of(DropReason.NO_MATCHING_RULE, 2L),
            Map.of(tunnel("source_not_allowed"), 3L, tunnel("no_matching_rule"), 2L));
    assertEquals(
        Map.of(DropReason.SPOOFED_SOURCE, 3L, DropReason.NO_MATCHING_RULE, 2L),
        merged,
        "one cause, one name; the enforcer's verdicts the tunnel also counts are not doubled");
  }

  @Test
  void tunnelSpoofDropsAddToTheEnforcersOwnSpoofedSourceCount() {
    var merged =
        TunnelDrops.merged(
            Map.of(DropReason.SPOOFED_SOURCE, 1L),
            Map.of(tunnel("source_not_allowed"), 4L, tunnel("spoofed_source"), 1L));
    assertEquals(Map.of(DropReason.SPOOFED_SOURCE, 5L), merged);
  }
}
