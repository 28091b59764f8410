package dev.cordon.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

class WireGuardGoTest {
  @Test
  void wg_show_peer_lines_parse_into_numbers_by_public_key() {
    String text = "AAAA+key=\t1700000000\nBBBB/key=\t0\n";
    assertEquals(
        Map.of("AAAA+key=", 1_700_000_000L, "BBBB/key=", 0L), WireGuardGo.parsePeerNumbers(text));
  }
}
