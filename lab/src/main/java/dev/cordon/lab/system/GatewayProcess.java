package dev.cordon.lab.system;

import dev.cordon.lab.LabException;
import dev.cordon.lab.LabProcess;
import dev.cordon.lab.Namespace;
import dev.cordon.lab.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;

/**
 * {@code cordon gateway} in a namespace: enrolled with a gateway token into its own state
 * directory, then run on a TUN interface and UDP port, announcing {@code --endpoint} and {@code
 * --protect} to the controller.
 */
public final class GatewayProcess {
  static final Duration READY_DEADLINE = Duration.ofSeconds(60);
  static final Pattern READY =
      Pattern.compile("gateway ready interface=(\\S+) port=(\\d+) table-version=(\\d+)");

  private final Namespace namespace;
  private final Path stateDir;
  private final String iface;
  private final int port;
  private final String endpoint;
  private final String protect;
  private LabProcess process;
  private int starts;

  private GatewayProcess(
      Namespace namespace, Path stateDir, String iface, int port, String endpoint, String protect) {
    this.namespace = namespace;
    this.stateDir = stateDir;
    this.iface = iface;
    this.port = port;
    this.endpoint = endpoint;
    this.protect = protect;
  }

  /** Enrolls with {@code tokenFile} (a gateway token), starts, and waits for its first table. */
  public static GatewayProcess enrollAndStart(
      Namespace ns, Path tokenFile, String endpoint, int port, String protect) {
    Path state = ns.lab().runDirectory().resolve("gateway-" + ns.role());
    Result enrolled = CordonCli.enroll(ns, tokenFile, "--state-dir", state.toString());
    if (!enrolled.ok()) {
      throw new LabException(
          "gateway enrollment failed with "
              + enrolled.exitCode()
              + ": "
              + enrolled.stdout()
              + enrolled.stderr());
    }
    var gateway =
        new GatewayProcess(ns, state, ns.lab().interfaceName("gw"), port, endpoint, protect);
    gateway.start();
    return gateway;
  }

  /** Starts the daemon (again, after {@link #stop} or {@link #kill}) and waits until ready. */
  public void start() {
    if (process != null && process.isAlive()) {
      throw new IllegalStateException("the gateway is running");
    }
    starts++;
    process =
        namespace.startJava(
            "gateway-" + starts,
            "gateway",
            "--state-dir",
            stateDir.toString(),
            "--interface",
            iface,
            "--listen-port",
            Integer.toString(port),
            "--endpoint",
            endpoint,
            "--protect",
            protect,
            // Long flows are reported every 5 s rather than every minute, so tests see them soon.
            "--flow-report-interval",
            "PT5S");
    awaitReady();
  }

  /** Waits for "gateway ready ..." from the current process; returns the table version. */
  public long awaitReady() {
    return Long.parseLong(process.awaitOutput(READY, READY_DEADLINE).group(3));
  }

  /** SIGTERM (then SIGKILL after a grace period). */
  public void stop() {
    process.stop();
  }

  /** SIGKILL. */
  public void kill() {
    process.kill();
  }

  /** Waits for a line of the current process's output. */
  public MatchResult awaitOutput(Pattern pattern, Duration deadline) {
    return process.awaitOutput(pattern, deadline);
  }

  public LabProcess process() {
    return process;
  }

  public Namespace namespace() {
    return namespace;
  }

  public String iface() {
    return iface;
  }

  /** The state directory the gateway was enrolled into (its credential files live here). */
  public Path stateDir() {
    return stateDir;
  }

  /** The serial number (hex) of the certificate in the state directory's device.crt now. */
  public String certificateSerial() {
    try (var in = Files.newInputStream(stateDir.resolve("device.crt"))) {
      var leaf = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
      return leaf.getSerialNumber().toString(16);
    } catch (IOException | CertificateException e) {
      throw new LabException("cannot read the gateway's certificate in " + stateDir, e);
    }
  }

  /** {@code cordon gateway status --state-dir ...}. */
  public Status status() {
    Result r = CordonCli.ok(namespace, "gateway", "status", "--state-dir", stateDir.toString());
    return Status.parse(r.stdout());
  }

  /** What {@code cordon gateway status} printed: peer lines by device id, drops by reason. */
  public record Status(String text, Map<String, String> peers, Map<String, Long> drops) {
    /** How many packets were dropped for {@code reason} (0 when the reason is not listed). */
    public long drops(String reason) {
      return drops.getOrDefault(reason, 0L);
    }

    static Status parse(String text) {
      var peers = new LinkedHashMap<String, String>();
      var drops = new LinkedHashMap<String, Long>();
      String section = "";
      for (String line : text.split("\n")) {
        String t = line.strip();
        if (t.startsWith("peers (")) {
          section = "peers";
        } else if (t.equals("drops by reason")) {
          section = "drops";
        } else if (!t.isEmpty() && line.startsWith("  ")) {
          String[] parts = t.split("\\s+");
          if (section.equals("peers") && !parts[0].equals("device")) {
            peers.put(parts[0], t);
          } else if (section.equals("drops") && parts.length == 2) {
            drops.put(parts[0], Long.parseLong(parts[1]));
          }
        }
      }
      return new Status(text, peers, drops);
    }
  }
}
