package dev.cordon.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

@LabTest
class LabCleanupLabTest {
  private static List<String> namespacesWith(String prefix) {
    return Sweeper.namespaces().stream().filter(n -> n.startsWith(prefix)).toList();
  }

  @Test
  void after_close_the_namespaces_processes_and_run_directory_are_gone() {
    Lab lab = Lab.open("cleanup");
    String prefix = lab.prefix();
    Bridge lan = lab.bridge("lan");
    Namespace host = lab.namespace("h");
    host.connect(lan, lab.underlayCidr(0));
    LabProcess sleeper = host.start("sleeper", "sleep", "600");
    LabProcess stubborn =
        host.start("stubborn", "sh", "-c", "trap '' TERM; echo ready; exec sleep 600");
    stubborn.awaitOutput(Pattern.compile("ready"), Duration.ofSeconds(10));
    assertEquals(2, namespacesWith(prefix).size());

    lab.close();

    assertEquals(List.of(), namespacesWith(prefix));
    assertFalse(sleeper.isAlive(), "sleep still runs");
    assertFalse(ProcessHandle.of(stubborn.pid()).isPresent(), "SIGTERM-ignoring process survived");
    assertFalse(Files.exists(lab.runDirectory()), "run directory left behind");
    lab.close(); // idempotent
  }

  @Test
  void a_failing_command_throws_with_its_output(Lab lab) {
    Namespace ns = lab.namespace("x");
    var e = assertThrows(LabException.class, () -> ns.exec("sh", "-c", "echo oops >&2; exit 3"));
    assertTrue(e.getMessage().contains("exited with 3"), e.getMessage());
    assertTrue(e.getMessage().contains("oops"), e.getMessage());
    assertEquals(3, ns.execAllowFail("sh", "-c", "exit 3").exitCode());
  }

  @Test
  void the_report_holds_every_process_output_under_a_banner(Lab lab) {
    LabProcess echo = lab.namespace("r").start("greeter", "sh", "-c", "echo hello from the lab");
    Await.until("greeter to exit", Duration.ofSeconds(10), () -> !echo.isAlive());
    String report = lab.report();
    assertTrue(report.contains("----- greeter (pid " + echo.pid() + ") exited 0"), report);
    assertTrue(report.contains("hello from the lab"), report);
  }

  @Test
  void leftovers_of_a_dead_run_are_swept() throws Exception {
    // A namespace and run directory as a killed JVM would leave them: its pid is one that
    // just exited, so no live process owns it.
    var gone = new ProcessBuilder("true").start();
    gone.waitFor();
    long deadPid = gone.pid();
    String ns = RunPrefix.namespacePrefix(deadPid, 0) + "orphan";
    var dir = Lab.RUN_ROOT.resolve(Long.toString(deadPid));
    Process orphan = null;
    try {
      Commands.check(List.of("ip", "netns", "add", ns));
      Files.createDirectories(dir.resolve("0-x/pids"));
      orphan = new ProcessBuilder("sleep", "600").start();
      Files.writeString(
          dir.resolve("0-x/pids/orphan.pid"),
          ProcessIdentity.of(orphan.pid()).orElseThrow().toLine());

      var found = Sweeper.sweep();

      assertTrue(found.namespaces().contains(ns), found.toString());
      assertTrue(orphan.waitFor(10, TimeUnit.SECONDS), "recorded process still runs");
      assertFalse(Sweeper.namespaces().contains(ns), "namespace still there");
      assertFalse(Files.exists(dir), "run directory still there");
    } finally {
      if (orphan != null) {
        orphan.destroyForcibly();
      }
      Commands.run(List.of("ip", "netns", "delete", ns));
      Files2.deleteTree(dir);
    }
  }
}
