package dev.cordon.controller.daemon;

import dev.cordon.controller.ca.IssuanceOptions;
import dev.cordon.controller.ipam.AddressPool;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code cordon controller}: runs the controller until SIGTERM (or {@link #stop()}). Every
 * single-valued flag may also come from a properties file given with {@code --config} ({@code
 * listen=...}, {@code data-dir=...}); flags on the command line win. Exit codes: 0 after a clean
 * stop, 1 when the controller cannot start (the reason on stderr), 2 for bad usage (picocli).
 */
@Command(
    name = "controller",
    mixinStandardHelpOptions = true,
    description = "Run the Cordon controller: CA, enrollment, registry and API.",
    subcommands = {OwnerCredentialCommand.class})
public final class ControllerCommand implements Callable<Integer> {

  static final int EXIT_OK = 0;
  static final int EXIT_START_FAILED = 1;

  @Spec CommandSpec spec;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description = "Properties file with defaults for these flags (name=value per line).")
  Path config;

  @Option(
      names = "--listen",
      defaultValue = "0.0.0.0:7443",
      paramLabel = "HOST:PORT",
      description = "gRPC listen address (default: ${DEFAULT-VALUE}).")
  String listen;

  @Option(
      names = "--trust-domain",
      defaultValue = "cordon.local",
      description = "Trust domain of this deployment (default: ${DEFAULT-VALUE}).")
  String trustDomain;

  @Option(
      names = "--advertise",
      paramLabel = "HOST:PORT",
      description =
          "Address put into enrollment tokens (default: this host's name and the"
              + " listen port).")
  String advertise;

  @Option(
      names = "--name",
      defaultValue = "controller-1",
      description =
          "This controller's name, in its certificate and audit entries"
              + " (default: ${DEFAULT-VALUE}).")
  String name;

  @Option(
      names = "--overlay-pool",
      defaultValue = "100.64.0.0/10",
      paramLabel = "CIDR",
      description = "IPv4 pool for overlay addresses (default: ${DEFAULT-VALUE}).")
  String pool;

  @Option(
      names = "--metrics-listen",
      defaultValue = "127.0.0.1:9464",
      paramLabel = "HOST:PORT",
      description = "Prometheus endpoint; 'off' to disable (default: ${DEFAULT-VALUE}).")
  String metricsListen;

  @Option(
      names = "--tls-name",
      paramLabel = "NAME",
      description = "Extra DNS name or IP for the controller's TLS certificate (repeatable).")
  List<String> tlsNames = new ArrayList<>();

  @Option(
      names = "--cert-lifetime",
      paramLabel = "KIND=DURATION",
      description =
          "Certificate lifetime for device, gateway, admin or controller (repeatable;"
              + " default device=24h, gateway=24h, admin=12h, controller=30d; minimum 1m)."
              + " In the config file: cert-lifetime=device=1h,gateway=2h.")
  List<String> certLifetimes = new ArrayList<>();

  @Mixin StoreOptions storeOptions = new StoreOptions();

  @Option(
      names = "--ca-import",
      paramLabel = "DIR",
      description =
          "On first start, import the issuing CA in DIR (ca-cert.pem, ca-key.pem,"
              + " root-cert.pem) instead of creating one; the root's key stays offline. Give every"
              + " controller on one etcd the same DIR.")
  Path caImport;

  private final CountDownLatch stopRequested = new CountDownLatch(1);
  private final CountDownLatch stopped = new CountDownLatch(1);

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    ControllerRuntime runtime;
    try {
      runtime = ControllerRuntime.start(settings(), Clock.systemUTC(), out);
    } catch (RuntimeException e) {
      err.println("cordon controller: cannot start: " + e.getMessage());
      err.flush();
      stopped.countDown();
      return EXIT_START_FAILED;
    }
    Thread hook = new Thread(this::stopAndWait, "cordon-controller-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      stopRequested.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      runtime.close();
      out.println("stopped");
      out.flush();
      stopped.countDown();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // SIGTERM started this stop: the JVM is exiting and the hook is running.
      }
    }
    return EXIT_OK;
  }

  /** Asks the controller to stop; returns at once. */
  public void stop() {
    stopRequested.countDown();
  }

  private void stopAndWait() {
    stop();
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  ControllerSettings settings() {
    ConfigFile file = ConfigFile.read(config, spec.commandLine().getParseResult());
    var address = ControllerSettings.parseAddress(file.value("--listen", listen));
    String advertised = file.value("--advertise", advertise);
    String metrics = file.value("--metrics-listen", metricsListen);
    return new ControllerSettings(
        file.value("--name", name),
        address,
        storeOptions.dataDir(file),
        file.value("--trust-domain", trustDomain),
        storeOptions.store(file),
        advertised != null ? advertised : defaultAdvertise(address.getPort()),
        AddressPool.parse(file.value("--overlay-pool", pool)),
        metrics.equals("off")
            ? Optional.empty()
            : Optional.of(ControllerSettings.parseAddress(metrics)),
        tlsNames,
        CertLifetimes.apply(IssuanceOptions.DEFAULT, lifetimeEntries(file)),
        storeOptions.etcdTls(file),
        Optional.ofNullable(
                file.value("--ca-import", caImport == null ? null : caImport.toString()))
            .map(Path::of));
  }

  private List<String> lifetimeEntries(ConfigFile file) {
    if (!certLifetimes.isEmpty()) {
      return certLifetimes;
    }
    String fromFile = file.value("--cert-lifetime", null);
    return fromFile == null ? List.of() : CertLifetimes.split(fromFile);
  }

  private static String defaultAdvertise(int port) {
    try {
      return InetAddress.getLocalHost().getHostName() + ":" + port;
    } catch (UnknownHostException e) {
      return "localhost:" + port;
    }
  }
}
