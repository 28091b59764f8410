package dev.cordon.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.function.LongPredicate;
import org.junit.jupiter.api.Test;

class LeftoversTest {
  private static final long LIVE = 100;
  private static final long DEAD = 200;
  private static final LongPredicate ALIVE = Set.of(LIVE)::contains;

  @Test
  void namespaces_of_a_dead_jvm_are_swept_and_those_of_a_live_one_kept() {
    var found =
        Leftovers.of(
            List.of("cl-100-0-a", "cl-200-0-a", "cl-200-3-hub-lan"), List.of(), List.of(), ALIVE);
    assertEquals(List.of("cl-200-0-a", "cl-200-3-hub-lan"), found.namespaces());
  }

  @Test
  void foreign_namespaces_and_links_are_never_swept() {
    var found =
        Leftovers.of(
            List.of("blue", "cl-x"), List.of("eth0", "lo", "docker0"), List.of("foo"), ALIVE);
    assertTrue(found.isEmpty(), found.toString());
  }

  @Test
  void links_are_judged_by_the_pid_encoded_in_base_36() {
    String dead = RunPrefix.interfaceName(DEAD, 0, "v");
    String live = RunPrefix.interfaceName(LIVE, 0, "v");
    var found = Leftovers.of(List.of(), List.of(dead, live), List.of(), ALIVE);
    assertEquals(List.of(dead), found.links());
  }

  @Test
  void run_directories_of_dead_jvms_are_swept() {
    var found = Leftovers.of(List.of(), List.of(), List.of("100", "200", "notes"), ALIVE);
    assertEquals(List.of("200"), found.runDirectories());
  }

  @Test
  void wireguard_sockets_of_dead_runs_are_swept_and_others_kept() {
    String dead = RunPrefix.interfaceName(DEAD, 3, "wg") + ".sock";
    String live = RunPrefix.interfaceName(LIVE, 3, "wg") + ".sock";
    var found =
        Leftovers.of(List.of(), List.of(), List.of(), List.of(dead, live, "wg0.sock"), ALIVE);
    assertEquals(List.of(dead), found.wireguardSockets());
  }
}
