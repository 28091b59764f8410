package dev.cordon.gateway.daemon;

import dev.cordon.gateway.telemetry.GatewayStatus;
import dev.cordon.gateway.telemetry.StatusFile;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code cordon gateway status}: peers, handshake ages, flows and drops by reason. */
@Command(
    name = "status",
    description = "Show the running gateway's peers, flows and drops by reason.",
    mixinStandardHelpOptions = true)
public final class GatewayStatusCommand implements Callable<Integer> {
  static final int EXIT_NOT_RUNNING = 1;

  @Spec CommandSpec spec;

  @Option(
      names = {"--state-dir", "--state"},
      description = "The gateway's state directory.",
      defaultValue = "/var/lib/cordon/gateway")
  Path state;

  @Override
  public Integer call() {
    GatewayStatus s;
    try {
      s = StatusFile.read(state);
    } catch (NoSuchFileException e) {
      spec.commandLine()
          .getErr()
          .println("no gateway status in " + state + ": is the gateway running?");
      return EXIT_NOT_RUNNING;
    } catch (IOException | RuntimeException e) {
      spec.commandLine().getErr().println("cannot read the gateway status: " + e.getMessage());
      return EXIT_NOT_RUNNING;
    }
    print(s, spec.commandLine().getOut());
    return 0;
  }

  static void print(GatewayStatus s, PrintWriter out) {
    out.printf("table version  %d%n", s.tableVersion());
    out.printf(
        "controller     %s%n",
        s.connected()
            ? "connected"
            : "disconnected, fail-static " + s.failStaticRemainingMillis() / 1000 + " s left");
    out.printf("flows          %d%n", s.flows());
    out.printf(
        "apply latency  p50 %d us, p99 %d us, max %d us%n",
        s.applyP50Micros(), s.applyP99Micros(), s.applyMaxMicros());
    out.printf("%npeers (%d)%n", s.peers().size());
    out.printf(
        "  %-24s %-12s %-10s %10s %10s %8s %12s %12s%n",
        "device", "status", "handshake", "in", "out", "drops", "rx bytes", "tx bytes");
    for (GatewayStatus.Peer p : s.peers()) {
      String age = p.handshakeAgeMillis() < 0 ? "never" : p.handshakeAgeMillis() / 1000 + " s ago";
      out.printf(
          "  %-24s %-12s %-10s %10d %10d %8d %12d %12d%n",
          p.deviceId(),
          p.status(),
          age,
          p.packetsIn(),
          p.packetsOut(),
          p.drops(),
          p.rxBytes(),
          p.txBytes());
    }
    out.printf("%ndrops by reason%n");
    s.drops()
        .forEach(
            (r, n) -> {
              if (n > 0) out.printf("  %-20s %d%n", r, n);
            });
    // The tunnel's own reasons, in lower case, next to the enforcer's.
    s.tunnelDrops().forEach((r, n) -> out.printf("  %-20s %d%n", r, n));
    out.flush();
  }
}
