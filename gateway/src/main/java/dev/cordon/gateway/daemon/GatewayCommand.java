package dev.cordon.gateway.daemon;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code cordon gateway}: runs the enforcement point. Exit codes: 0 stopped cleanly, 2 bad
 * configuration, 3 the data path is unavailable.
 */
@Command(
    name = "gateway",
    description =
        "Run the gateway: terminate WireGuard tunnels and enforce the controller's table.",
    mixinStandardHelpOptions = true,
    subcommands = GatewayStatusCommand.class)
public final class GatewayCommand implements Callable<Integer> {
  static final int EXIT_CONFIG = 2;
  static final int EXIT_NO_DATA_PATH = 3;

  @Spec CommandSpec spec;

  @Option(names = "--controller", description = "Controller address, host:port (required to run).")
  String controller;

  @Option(
      names = "--credentials",
      description = "Directory with gateway.crt, gateway.key, ca.crt and wireguard.key.",
      defaultValue = "/var/lib/cordon/gateway")
  Path credentials;

  @Option(names = "--listen-port", description = "WireGuard UDP port.", defaultValue = "51820")
  int listenPort;

  @Option(names = "--interface", description = "TUN interface name.", defaultValue = "cordon0")
  String iface;

  @Option(
      names = "--fail-static",
      description =
          "How long to keep admitting new flows on the last table without the controller (ISO-8601, e.g. PT15M).",
      defaultValue = "PT15M")
  Duration failStatic;

  @Option(
      names = "--metrics",
      description = "Metrics and health address.",
      defaultValue = "127.0.0.1:9542")
  String metrics;

  @Option(
      names = "--max-flows",
      description = "Connection tracker capacity.",
      defaultValue = "1000000")
  int maxFlows;

  @Override
  public Integer call() {
    var err = spec.commandLine().getErr();
    if (controller == null || controller.isBlank()) {
      err.println("--controller is required: the controller's host:port");
      return EXIT_CONFIG;
    }
    if (listenPort < 1 || listenPort > 65535) {
      err.println("--listen-port must be 1..65535");
      return EXIT_CONFIG;
    }
    if (failStatic.isNegative()) {
      err.println("--fail-static must not be negative");
      return EXIT_CONFIG;
    }
    // The enforcement core, table sync and telemetry exist (see the enforce, table and sync
    // packages); the WireGuard device that carries packets to them is not in this build yet.
    err.println(
        "the gateway data path is not available in this build: the tunnel module's WireGuard"
            + " device is not wired to the enforcement core yet");
    return EXIT_NO_DATA_PATH;
  }
}
