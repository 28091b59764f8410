package dev.cordon.lab.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SystemdUnitsTest {

  private static final Path UNITS = RepoFiles.root().resolve("deploy/systemd");
  private static final List<String> DAEMONS =
      List.of("cordon-controller.service", "cordon-gateway.service", "cordon-agent.service");

  private static SystemdUnit unit(String name) {
    return SystemdUnit.parse(RepoFiles.read(UNITS.resolve(name)));
  }

  private static Set<String> words(String value) {
    return value == null || value.isBlank()
        ? Set.of()
        : Arrays.stream(value.split("\\s+")).collect(Collectors.toSet());
  }

  @Test
  void every_daemon_unit_runs_the_installed_launcher_and_restarts_on_failure() {
    for (String name : DAEMONS) {
      SystemdUnit u = unit(name);
      String exec = u.value("Service", "ExecStart");
      assertNotNull(exec, name + " has no ExecStart");
      assertTrue(exec.startsWith("/opt/cordon/bin/cordon "), name + ": " + exec);
      assertEquals("on-failure", u.value("Service", "Restart"), name);
      assertEquals("multi-user.target", u.value("Install", "WantedBy"), name);
    }
    assertTrue(
        unit("cordon-controller.service").value("Service", "ExecStart").contains(" controller "));
    assertTrue(unit("cordon-gateway.service").value("Service", "ExecStart").contains(" gateway "));
    assertTrue(unit("cordon-agent.service").value("Service", "ExecStart").contains(" up "));
  }

  @Test
  void every_daemon_unit_carries_the_common_hardening() {
    for (String name : DAEMONS) {
      SystemdUnit u = unit(name);
      assertEquals("yes", u.value("Service", "NoNewPrivileges"), name);
      assertEquals("strict", u.value("Service", "ProtectSystem"), name);
      assertEquals("yes", u.value("Service", "ProtectHome"), name);
      assertEquals("yes", u.value("Service", "PrivateTmp"), name);
      assertEquals("native", u.value("Service", "SystemCallArchitectures"), name);
      assertEquals("yes", u.value("Service", "LockPersonality"), name);
      // The JIT needs writable-then-executable memory; W^X would crash the JVM at start.
      assertEquals("no", u.value("Service", "MemoryDenyWriteExecute"), name);
      assertFalse(
          u.values("Service", "ReadWritePaths").isEmpty(), name + " names no ReadWritePaths");
      Set<String> families = words(u.value("Service", "RestrictAddressFamilies"));
      assertTrue(families.containsAll(Set.of("AF_INET", "AF_INET6", "AF_UNIX")), name + families);
      assertFalse(families.contains("AF_PACKET"), name + " allows raw packet sockets");
    }
  }

  @Test
  void the_controller_has_its_own_user_and_no_capability() {
    SystemdUnit u = unit("cordon-controller.service");
    String user = u.value("Service", "User");
    assertNotNull(user);
    assertFalse(user.equals("root") || user.equals("0"), "controller runs as " + user);
    assertEquals(Set.of(), words(u.value("Service", "CapabilityBoundingSet")));
    assertEquals(Set.of(), words(u.value("Service", "AmbientCapabilities")));
    assertTrue(u.values("Service", "ReadWritePaths").contains("/var/lib/cordon-controller"));
  }

  @Test
  void gateway_and_agent_get_net_admin_and_the_tun_device_only() {
    for (String name : List.of("cordon-gateway.service", "cordon-agent.service")) {
      SystemdUnit u = unit(name);
      Set<String> allowedExtra = Set.of("CAP_NET_ADMIN", "CAP_NET_BIND_SERVICE");
      Set<String> bounding = words(u.value("Service", "CapabilityBoundingSet"));
      Set<String> ambient = words(u.value("Service", "AmbientCapabilities"));
      assertTrue(bounding.contains("CAP_NET_ADMIN"), name + bounding);
      assertTrue(allowedExtra.containsAll(bounding), name + bounding);
      assertTrue(ambient.contains("CAP_NET_ADMIN"), name + ambient);
      assertTrue(bounding.containsAll(ambient), name + ": ambient outside the bounding set");
      assertEquals(List.of("/dev/net/tun rw"), u.values("Service", "DeviceAllow"), name);
      assertEquals("closed", u.value("Service", "DevicePolicy"), name);
    }
    assertTrue(
        unit("cordon-gateway.service")
            .values("Service", "ReadWritePaths")
            .contains("/var/lib/cordon/gateway"));
    assertTrue(
        unit("cordon-agent.service")
            .values("Service", "ReadWritePaths")
            .contains("/var/lib/cordon"));
  }

  @Test
  void the_parser_joins_continuations_and_refuses_lines_outside_sections() {
    SystemdUnit u = SystemdUnit.parse("# c\n[Service]\nExecStart=/bin/a \\\n  --b\nX=1\nX=2\n");
    assertEquals("/bin/a  --b", u.value("Service", "ExecStart"));
    assertEquals(List.of("1", "2"), u.values("Service", "X"));
    assertThrows(IllegalArgumentException.class, () -> SystemdUnit.parse("Key=value\n"));
  }

  /**
   * systemd-analyze verify, where the tool exists (it does on the project's machines), on copies
   * whose binaries point at a file that exists. Without the tool the directive checks above still
   * run: this test then only proves the copies parse.
   */
  @Test
  void systemd_analyze_verify_finds_no_error_in_any_unit(@TempDir Path dir)
      throws IOException, InterruptedException {
    List<Path> units = new ArrayList<>();
    for (Path source : RepoFiles.files(RepoFiles.root().resolve("deploy"), ".service")) {
      String text =
          RepoFiles.read(source)
              .replace("/opt/cordon/bin/cordon", "/bin/true")
              .replace("/usr/bin/etcd", "/bin/true");
      Path copy = dir.resolve(source.getFileName());
      Files.writeString(copy, text);
      SystemdUnit.parse(text);
      units.add(copy);
    }
    assertEquals(4, units.size(), "units found: " + units);
    Path tool = Path.of("/usr/bin/systemd-analyze");
    if (!Files.isExecutable(tool)) {
      return;
    }
    List<String> command = new ArrayList<>(List.of(tool.toString(), "verify"));
    units.forEach(u -> command.add(u.toString()));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "systemd-analyze verify did not finish");
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.exitValue(), output);
    List<String> complaints =
        output
            .lines()
            .filter(l -> units.stream().anyMatch(u -> l.contains(u.getFileName().toString())))
            .toList();
    assertEquals(List.of(), complaints, output);
  }
}
