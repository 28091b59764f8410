package dev.cordon.lab.system;

import dev.cordon.lab.LabProcess;
import dev.cordon.lab.Namespace;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code cordon controller} in a namespace, listening and advertising on {@code address:port},
 * metrics off. Started again on the same data directory it keeps its CA, store and owner.
 */
public final class ControllerProcess {
  static final Duration START_DEADLINE = Duration.ofSeconds(60);
  private static final Pattern LISTENING =
      Pattern.compile("listening on (\\S+) \\(gRPC, TLS 1\\.3\\); tokens point devices at (\\S+)");
  private static final Pattern CA =
      Pattern.compile("CA: (created in|loaded from) (\\S+) \\(fingerprint ([0-9a-f]{64})\\)");
  private static final Pattern OWNER =
      Pattern.compile("owner credential: (?:written to|created at first start in) (\\S+)");

  private final Namespace namespace;
  private final Path dataDir;
  private final String address;
  private final List<String> extraArgs;
  private LabProcess process;

  private ControllerProcess(
      Namespace namespace, Path dataDir, String address, List<String> extraArgs) {
    this.namespace = namespace;
    this.dataDir = dataDir;
    this.address = address;
    this.extraArgs = List.copyOf(extraArgs);
  }

  /** Starts a controller and waits until it listens. */
  public static ControllerProcess start(Namespace ns, Path dataDir, String address) {
    return start(ns, dataDir, address, List.of());
  }

  /**
   * Starts a controller with {@code extraArgs} after the lab's own ({@code --cert-lifetime
   * device=1m}, say), kept for every restart, and waits until it listens.
   */
  public static ControllerProcess start(
      Namespace ns, Path dataDir, String address, List<String> extraArgs) {
    var controller = new ControllerProcess(ns, dataDir, address, extraArgs);
    controller.restart();
    return controller;
  }

  /** Starts the process (again, after {@link #kill}) and waits until it listens. */
  public void restart() {
    if (process != null && process.isAlive()) {
      throw new IllegalStateException("the controller is running");
    }
    var argv =
        new ArrayList<>(
            List.of(
                "controller",
                "--data-dir",
                dataDir.toString(),
                "--listen",
                address,
                "--advertise",
                address,
                "--metrics-listen",
                "off"));
    argv.addAll(extraArgs);
    process = namespace.startJava("controller", argv.toArray(String[]::new));
    process.awaitOutput(LISTENING, START_DEADLINE);
  }

  /** SIGKILL, as a crash would. */
  public void kill() {
    process.kill();
  }

  /** host:port of the gRPC API. */
  public String address() {
    return address;
  }

  public Namespace namespace() {
    return namespace;
  }

  public LabProcess process() {
    return process;
  }

  /** The CA fingerprint (hex SHA-256) the controller printed at start. */
  public String caFingerprint() {
    return process.awaitOutput(CA, Duration.ofSeconds(1)).group(3);
  }

  /** The CA directory the controller printed at start. */
  public Path caDirectory() {
    return Path.of(process.awaitOutput(CA, Duration.ofSeconds(1)).group(2));
  }

  /** The owner credential directory the controller printed at start. */
  public Path ownerCredential() {
    return Path.of(process.awaitOutput(OWNER, Duration.ofSeconds(1)).group(1));
  }
}
