package dev.cordon.lab.demo;

import dev.cordon.lab.LabException;
import dev.cordon.lab.LabProcess;
import dev.cordon.lab.Namespace;
import dev.cordon.lab.Result;
import dev.cordon.lab.system.CordonCli;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * A device running the Cordon agent: {@code cordon enroll --state-dir DIR} with its token, then
 * {@code cordon up --state-dir DIR --interface NAME}, which keeps its table live.
 */
public final class AgentDevice implements DemoDevice {
  static final Duration CONNECT_DEADLINE = Duration.ofSeconds(40);

  /**
   * JVM options for the agent and its enrollment (through {@code bin/cordon}'s CORDON_JAVA_OPTS):
   * the C1 compiler only and the serial collector start faster on a busy 2-core machine.
   */
  static final String QUICK_JVM = "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC";

  static final Pattern CONNECTED = Pattern.compile("Connected; table version (\\d+)");

  private final String name;
  private final Namespace namespace;
  private final Path state;
  private final String deviceId;
  private final String iface;
  private LabProcess agent;

  private AgentDevice(String name, Namespace ns, Path state, String deviceId) {
    this.name = name;
    this.namespace = ns;
    this.state = state;
    this.deviceId = deviceId;
    this.iface = ns.lab().interfaceName("ag");
  }

  /** Enrolls with the token in {@code tokenFile}; throws with the CLI's output on failure. */
  static AgentDevice enroll(String name, Namespace ns, Path tokenFile) {
    Path state = ns.lab().runDirectory().resolve("agent-" + name);
    // The token is read from its 0600 file by the shell: never on a command line.
    Result r =
        ns.execAllowFail(
            "env",
            "CORDON_JAVA_OPTS=" + QUICK_JVM,
            "sh",
            "-c",
            "CORDON_TOKEN=$(cat \"$0\"); export CORDON_TOKEN; exec \"$1\" enroll --state-dir \"$2\"",
            tokenFile.toString(),
            CordonCli.launcher().toString(),
            state.toString());
    if (!r.ok()) {
      throw new LabException(
          "`cordon enroll` for "
              + name
              + " exited "
              + r.exitCode()
              + ": "
              + r.stdout()
              + r.stderr());
    }
    var identity = new Properties();
    try {
      identity.load(
          new StringReader(
              Files.readString(state.resolve("identity.properties"), StandardCharsets.UTF_8)));
    } catch (IOException e) {
      throw new LabException("enrollment of " + name + " left no identity in " + state, e);
    }
    return new AgentDevice(name, ns, state, identity.getProperty("device-id", "?"));
  }

  /** Starts {@code cordon up} and waits for its first table; throws with the output if not. */
  void up() {
    agent =
        namespace.start(
            "agent-" + name,
            Map.of(
                "CORDON_JAVA",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "CORDON_JAVA_OPTS",
                QUICK_JVM),
            CordonCli.launcher().toString(),
            "up",
            "--state-dir",
            state.toString(),
            "--interface",
            iface);
    agent.awaitOutput(CONNECTED, CONNECT_DEADLINE);
  }

  /** Waits until the agent printed {@code pattern} (a table applied, a quarantine notice). */
  void awaitOutput(Pattern pattern, Duration deadline) {
    agent.awaitOutput(pattern, deadline);
  }

  LabProcess process() {
    return agent;
  }

  Path stateDirectory() {
    return state;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String deviceId() {
    return deviceId;
  }

  @Override
  public String runs() {
    return "agent (cordon up)";
  }

  @Override
  public String publicKey() {
    // The private key is piped by the shell, never put on a command line.
    return namespace
        .exec("sh", "-c", "wg pubkey < \"$0\"", state.resolve("wireguard.key").toString())
        .stdout()
        .strip();
  }

  @Override
  public Namespace namespace() {
    return namespace;
  }
}
