package dev.cordon.gateway.daemon;

import static org.junit.jupiter.api.Assertions.*;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class GatewayConfigFileTest {
  @TempDir Path dir;
  final StringWriter out = new StringWriter(), err = new StringWriter();

  Path file(String text) throws Exception {
    return Files.writeString(dir.resolve("gateway.properties"), text);
  }

  GatewayCommand parsed(String... args) {
    GatewayCommand cmd = new GatewayCommand();
    new CommandLine(cmd).parseArgs(args);
    return cmd;
  }

  int run(String... args) {
    CommandLine cl = new CommandLine(new GatewayCommand());
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    return cl.execute(args);
  }

  @Test
  void theFileFillsWhatTheCommandLineLeftAloneAndAFlagWinsOverTheFile() throws Exception {
    Path f =
        file(
            """
            listen-port=6000
            interface=gw9
            protect=10.0.0.0/8, 192.168.1.0/24
            fail-static=PT1M
            """);
    GatewayCommand cmd = parsed("--config", f.toString(), "--listen-port", "7000");
    GatewayConfigFile.apply(f, cmd.spec);
    assertEquals(7000, cmd.listenPort, "the flag wins");
    assertEquals("gw9", cmd.iface);
    assertEquals(List.of("10.0.0.0/8", "192.168.1.0/24"), cmd.protectedPrefixes);
    assertEquals(Duration.ofMinutes(1), cmd.failStatic);
    assertEquals(1_000_000, cmd.maxFlows, "untouched options keep their default");
  }

  @Test
  void theStateDirectoryFromTheFileIsTheOneTheGatewayLooksIn() throws Exception {
    Path state = Files.createDirectory(dir.resolve("state"));
    int code = run("--config", file("state-dir=" + state + "\n").toString());
    assertEquals(4, code);
    assertTrue(err.toString().startsWith("no gateway enrollment in " + state), err.toString());
  }

  @Test
  void anUnknownKeyIsRefusedWithExitTwoAndNamed() throws Exception {
    int code = run("--config", file("listen-prot=51820\n").toString());
    assertEquals(2, code);
    assertTrue(err.toString().contains("unknown key in config file"), err.toString());
    assertTrue(err.toString().contains("listen-prot"), err.toString());
  }

  @Test
  void aBadValueInTheFileIsRefusedLikeTheSameFlagWouldBe() throws Exception {
    assertEquals(2, run("--config", file("max-flows=lots\n").toString()));
    assertTrue(err.toString().contains("--max-flows"), err.toString());
    assertEquals(
        2, run("--config", file("listen-port=0\n").toString(), "--state-dir", dir.toString()));
    assertTrue(err.toString().contains("--listen-port must be 1..65535"), err.toString());
  }

  @Test
  void aMissingConfigFileIsAConfigurationError() {
    assertEquals(2, run("--config", dir.resolve("nope.properties").toString()));
    assertTrue(err.toString().contains("cannot read config file"), err.toString());
  }
}
