package dev.cordon.gateway.daemon;

import dev.cordon.gateway.device.PeerDevice;
import dev.cordon.gateway.identity.CertificateRenewer;
import dev.cordon.gateway.identity.CredentialFiles;
import dev.cordon.gateway.identity.RenewableKeyManager;
import dev.cordon.gateway.identity.TrustBundle;
import dev.cordon.gateway.sync.Backoff;
import dev.cordon.gateway.sync.ControllerChannel;
import dev.cordon.gateway.telemetry.MetricsServer;
import dev.cordon.proto.v1.GatewayServiceGrpc;
import dev.cordon.proto.v1.RegisterRequest;
import dev.cordon.tunnel.WireGuardDevice;
import io.grpc.ManagedChannel;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code cordon gateway}: runs the enforcement point until SIGTERM. Startup, in order: flags (and
 * the {@code --config} file, see {@link GatewayConfigFile}), the enrolled credential, the WireGuard
 * device with the enforcer as its packet policy, the overlay address and pool route on its TUN,
 * metrics, then the controller session (registration, table watch, telemetry). Exit codes: 0
 * stopped cleanly, 2 bad configuration, 3 the data path could not be set up, 4 no usable enrollment
 * in the state directory.
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
  static final int EXIT_NO_CREDENTIAL = 4;

  @Spec CommandSpec spec;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description =
          "Properties file with values for these flags (long name without dashes = value;"
              + " repeatable flags comma-separated); flags on the command line win.")
  Path config;

  @Option(
      names = "--controller",
      description = "Controller address, host:port (default: the one recorded at enrollment).")
  String controller;

  @Option(
      names = {"--state-dir", "--credentials"},
      description =
          "State directory written by `cordon enroll --state-dir` with a gateway token; the"
              + " status file is kept here too.",
      defaultValue = "/var/lib/cordon/gateway")
  Path stateDir;

  @Option(names = "--listen-port", description = "WireGuard UDP port.", defaultValue = "51820")
  int listenPort;

  @Option(names = "--interface", description = "TUN interface name.", defaultValue = "cordon0")
  String iface;

  @Option(
      names = "--overlay-pool",
      description = "The overlay address pool, routed through the TUN interface.",
      defaultValue = "100.64.0.0/10")
  String overlayPool;

  @Option(
      names = "--endpoint",
      description = "Where devices reach this gateway, host:port (repeatable; sent at startup).")
  List<String> endpoints = List.of();

  @Option(
      names = "--protect",
      description =
          "A network this gateway forwards to, as a prefix (repeatable; sent at startup).")
  List<String> protectedPrefixes = List.of();

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

  @Option(
      names = "--flow-queue",
      description = "Flow records held for the controller at most (oldest dropped first).",
      defaultValue = "10000")
  int flowQueue;

  @Option(
      names = "--flow-report-interval",
      description =
          "How often a long-lived flow is reported to the controller while it lasts; ended flows"
              + " are reported when they end (ISO-8601, default ${DEFAULT-VALUE}).",
      defaultValue = "PT60S")
  Duration flowReportInterval;

  /** The host's side of the TUN; replaced in tests. */
  HostNetwork host = HostNetwork.IP;

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    PrintWriter out = spec.commandLine().getOut();
    if (config != null) {
      try {
        GatewayConfigFile.apply(config, spec);
      } catch (IllegalArgumentException e) {
        err.println(e.getMessage());
        return EXIT_CONFIG;
      }
    }
    String bad = badFlag();
    if (bad != null) {
      err.println(bad);
      return EXIT_CONFIG;
    }
    RegisterRequest registration;
    InetSocketAddress metricsAddress;
    try {
      registration = Registration.request(endpoints, protectedPrefixes);
      metricsAddress = address(metrics);
      Registration.prefix(overlayPool);
    } catch (IllegalArgumentException e) {
      err.println(e.getMessage());
      return EXIT_CONFIG;
    }
    GatewayCredential credential;
    try {
      String recovered = CredentialFiles.recover(stateDir);
      if (recovered != null) out.println(recovered);
      credential = GatewayCredential.load(stateDir);
    } catch (GatewayCredential.Missing e) {
      err.println(e.getMessage());
      return EXIT_NO_CREDENTIAL;
    } catch (IOException e) {
      err.println("cannot read the gateway credential: " + e.getMessage());
      return EXIT_NO_CREDENTIAL;
    }
    String target =
        controller != null && !controller.isBlank() ? controller : credential.controller();
    return run(credential, target, registration, metricsAddress, out, err);
  }

  private Integer run(
      GatewayCredential credential,
      String target,
      RegisterRequest registration,
      InetSocketAddress metricsAddress,
      PrintWriter out,
      PrintWriter err) {
    GatewayDaemon daemon =
        new GatewayDaemon(
            credential.name(), stateDir, failStatic, maxFlows, flowQueue, flowReportInterval);
    WireGuardDevice device;
    try {
      device =
          WireGuardDevice.builder()
              .interfaceName(iface)
              .listenPort(listenPort)
              .privateKey(credential.wireguardPrivateKey())
              .policy(daemon.policy)
              .open();
    } catch (IOException | RuntimeException e) {
      err.println(
          "cannot open the WireGuard device "
              + iface
              + " on port "
              + listenPort
              + ": "
              + e.getMessage()
              + " (the gateway needs root or CAP_NET_ADMIN)");
      daemon.close();
      return EXIT_NO_DATA_PATH;
    }
    daemon.attach(PeerDevice.of(device));
    MetricsServer metricsServer = null;
    ControllerChannel controllerChannel = null;
    ManagedChannel channel = null;
    RenewableKeyManager keys =
        new RenewableKeyManager(credential.certificateKey(), credential.chain());
    TrustBundle trust;
    try {
      host.addAddress(iface, hostAddress(credential.overlayAddress()));
      host.addRoute(iface, overlayPool);
      metricsServer = new MetricsServer(metricsAddress, daemon::status);
      trust = new TrustBundle(credential.caBundle());
      controllerChannel = ControllerChannel.open(target, keys, trust, credential.trustDomain());
      channel = controllerChannel.channel();
    } catch (IOException | RuntimeException e) {
      err.println("cannot set up the gateway: " + e.getMessage());
      if (metricsServer != null) metricsServer.close();
      daemon.close();
      device.close();
      return EXIT_NO_DATA_PATH;
    }
    Registration.register(channel, registration, daemon.syncWorker());
    daemon.start(channel, new EnforcementLog(out, device.interfaceName(), device.listenPort()));
    daemon.startRenewal(renewer(keys, trust, controllerChannel, daemon, out));
    out.println(
        "gateway started interface="
            + device.interfaceName()
            + " port="
            + device.listenPort()
            + " overlay="
            + credential.overlayAddress()
            + " controller="
            + target
            + " metrics="
            + metricsAddress.getHostString()
            + ":"
            + metricsServer.port());
    out.flush();
    awaitShutdown(daemon, device, metricsServer, channel, out);
    return 0;
  }

  /**
   * Renews through the controller session; a renewal moves the session to the new certificate and
   * to the CA bundle that came with it.
   */
  private CertificateRenewer renewer(
      RenewableKeyManager keys,
      TrustBundle trust,
      ControllerChannel session,
      GatewayDaemon daemon,
      PrintWriter out) {
    var stub = GatewayServiceGrpc.newBlockingStub(session.channel());
    return new CertificateRenewer(
        stateDir,
        keys,
        trust,
        request -> stub.withDeadlineAfter(15, TimeUnit.SECONDS).renew(request),
        new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(5), new Random()),
        new SecureRandom(),
        InstantSource.system(),
        new CertificateRenewer.Listener() {
          @Override
          public void renewed(X509Certificate leaf) {
            synchronized (out) {
              out.println(
                  "certificate renewed serial="
                      + leaf.getSerialNumber().toString(16)
                      + " not-after="
                      + leaf.getNotAfter().toInstant());
              out.flush();
            }
            session.useRenewedCertificate();
            daemon.reconnect();
          }

          @Override
          public void failed(String why, Duration retryIn) {
            synchronized (out) {
              out.println(
                  "certificate renewal failed, retrying in " + retryIn.toSeconds() + " s: " + why);
              out.flush();
            }
          }
        });
  }

  /** Blocks until SIGTERM/SIGINT; the hook stops everything before the JVM exits. */
  private static void awaitShutdown(
      GatewayDaemon daemon,
      WireGuardDevice device,
      MetricsServer metrics,
      ManagedChannel channel,
      PrintWriter out) {
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  daemon.close();
                  metrics.close();
                  device.close();
                  channel.shutdownNow();
                  out.println("gateway stopped");
                  out.flush();
                  stopped.countDown();
                },
                "cordon-shutdown"));
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private String badFlag() {
    if (listenPort < 1 || listenPort > 65535) return "--listen-port must be 1..65535";
    if (failStatic.isNegative()) return "--fail-static must not be negative";
    if (maxFlows < 1) return "--max-flows must be positive";
    if (flowQueue < 1) return "--flow-queue must be positive";
    if (flowReportInterval.compareTo(Duration.ofSeconds(1)) < 0) {
      return "--flow-report-interval must be at least PT1S";
    }
    if (iface.isBlank() || iface.length() > 15) return "--interface must be 1..15 characters";
    return null;
  }

  /** The overlay address as a host route on the TUN ({@code /32} or {@code /128}). */
  static String hostAddress(String overlay) {
    String bare = overlay.contains("/") ? overlay.substring(0, overlay.indexOf('/')) : overlay;
    return bare + (InetAddress.ofLiteral(bare).getAddress().length == 4 ? "/32" : "/128");
  }

  static InetSocketAddress address(String hostPort) {
    int colon = hostPort.lastIndexOf(':');
    if (colon <= 0) throw new IllegalArgumentException("--metrics is not host:port: " + hostPort);
    try {
      int port = Integer.parseInt(hostPort.substring(colon + 1));
      return new InetSocketAddress(
          hostPort.substring(0, colon).replace("[", "").replace("]", ""), port);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--metrics is not host:port: " + hostPort, e);
    }
  }
}
