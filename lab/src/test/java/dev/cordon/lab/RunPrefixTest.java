package dev.cordon.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class RunPrefixTest {
  /** Linux's pid_max ceiling: the longest pid a name ever has to carry. */
  private static final long LARGEST_PID = 4_194_304L;

  @Test
  void a_namespace_prefix_names_the_jvm_and_the_lab_number() {
    assertEquals("cl-1234-7-", RunPrefix.namespacePrefix(1234, 7));
  }

  @Test
  void a_namespace_name_reveals_its_owner_pid() {
    assertEquals(Optional.of(1234L), RunPrefix.ownerOfNamespace("cl-1234-7-alice"));
  }

  @Test
  void names_of_others_have_no_owner() {
    assertEquals(Optional.empty(), RunPrefix.ownerOfNamespace("docker-1234-7-x"));
    assertEquals(Optional.empty(), RunPrefix.ownerOfNamespace("cl-abc-7-x"));
    assertEquals(Optional.empty(), RunPrefix.ownerOfLink("eth0"));
    assertEquals(Optional.empty(), RunPrefix.ownerOfLink("cl-1234-0-x"));
  }

  @Test
  void interface_names_fit_the_kernel_limit_even_for_the_largest_pid_and_a_long_role() {
    String name = RunPrefix.interfaceName(LARGEST_PID, 1_000_000, "averyveryverylongrole");
    assertTrue(name.length() <= 15, name + " is longer than 15 characters");
  }

  @Test
  void an_interface_name_reveals_its_owner_pid() {
    String name = RunPrefix.interfaceName(LARGEST_PID, 42, "wg");
    assertEquals(Optional.of(LARGEST_PID), RunPrefix.ownerOfLink(name));
  }

  @Test
  void interface_names_differ_by_sequence_number() {
    assertTrue(!RunPrefix.interfaceName(99, 1, "wg").equals(RunPrefix.interfaceName(99, 2, "wg")));
  }

  @Test
  void a_role_with_characters_unfit_for_names_is_refused() {
    var e = assertThrows(IllegalArgumentException.class, () -> RunPrefix.requireRole("Bad Role"));
    assertTrue(e.getMessage().contains("lower-case"), e.getMessage());
  }
}
