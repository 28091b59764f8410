package dev.cordon.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class UnderlayTest {
  @Test
  void hosts_are_numbered_from_192_0_2_10() {
    assertEquals("192.0.2.10", Underlay.address(0));
    assertEquals("192.0.2.11", Underlay.address(1));
    assertEquals("192.0.2.254", Underlay.address(244));
  }

  @Test
  void the_cidr_form_carries_the_underlay_prefix_length() {
    assertEquals("192.0.2.12/24", Underlay.cidr(2));
  }

  @Test
  void an_index_past_the_documentation_range_is_refused() {
    var e = assertThrows(IllegalArgumentException.class, () -> Underlay.address(245));
    assertTrue(e.getMessage().contains("0..244"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Underlay.address(-1));
  }
}
