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

  @Test
  void theTunnelsOwnDropsAreListedByTheirNamesWithoutTheEnforcersVerdictsOrWhatWasFolded() {
    var own =
        TunnelDrops.tunnelOnly(
            Map.of(DropReason.NO_MATCHING_RULE, 2L, DropReason.MALFORMED, 1L),
            Map.of(
                tunnel("no_matching_rule"), 2L,
                tunnel("malformed"), 5L,
                tunnel("handshake_refused"), 7L,
                tunnel("source_not_allowed"), 3L,
                tunnel("replay"), 0L));
    assertEquals(
        java.util.List.of("handshake_refused", "malformed"),
        java.util.List.copyOf(own.keySet()),
        "sorted, zeros and enforcer-only names left out");
    assertEquals(7L, own.get("handshake_refused"));
    assertEquals(4L, own.get("malformed"), "the enforcer's MALFORMED verdict is not counted twice");
  }
}
