package dev.cordon.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ProcessIdentityTest {
  @Test
  void the_start_time_is_field_22_even_when_the_command_name_holds_spaces_and_parens() {
    String stat =
        "4242 (we ird) name) S 1 4242 4242 0 -1 4194560 100 0 0 0 1 2 0 0 20 0 1 0 987654 1000 10";
    assertEquals(OptionalLong.of(987654), ProcessIdentity.parseStartTicks(stat));
  }

  @Test
  void a_truncated_stat_line_has_no_start_time() {
    assertEquals(OptionalLong.empty(), ProcessIdentity.parseStartTicks("1 (x) S 1 2"));
  }

  @Test
  void a_pidfile_line_round_trips() {
    var id = new ProcessIdentity(77, 12345);
    assertEquals(Optional.of(id), ProcessIdentity.parseLine(id.toLine() + "\n"));
    assertEquals(Optional.empty(), ProcessIdentity.parseLine("garbage"));
  }

  @Test
  void this_jvm_is_alive_but_a_process_with_its_pid_and_another_start_time_is_not() {
    var self = ProcessIdentity.of(ProcessHandle.current().pid()).orElseThrow();
    assertTrue(self.isAlive());
    assertFalse(new ProcessIdentity(self.pid(), self.startTicks() + 1).isAlive());
  }
}
