package dev.cordon.controller.daemon;

import dev.cordon.controller.api.ControllerDomain;
import dev.cordon.controller.api.ControllerServer;
import dev.cordon.controller.api.ProtoTokenCodec;
import dev.cordon.controller.api.RpcMetrics;
import dev.cordon.controller.audit.AuditLog;
import dev.cordon.controller.ca.CaConfig;
import dev.cordon.controller.ca.CertificateAuthority;
import dev.cordon.controller.ca.EcdsaProviders;
import dev.cordon.controller.ca.Principal;
import dev.cordon.controller.enroll.Enrollment;
import dev.cordon.controller.enroll.Tokens;
import dev.cordon.controller.gateways.StorePresence;
import dev.cordon.controller.identity.Administrators;
import dev.cordon.controller.identity.ControllerCertificate;
import dev.cordon.controller.identity.LocalKeys;
import dev.cordon.controller.identity.Renewal;
import dev.cordon.controller.identity.RotatingControllerCertificate;
import dev.cordon.controller.identity.StoreRevocationList;
import dev.cordon.controller.ipam.Ipam;
import dev.cordon.controller.jobs.ExpirySweep;
import dev.cordon.controller.jobs.LeaderJobs;
import dev.cordon.controller.registry.AdminRecord;
import dev.cordon.controller.registry.AdminRole;
import dev.cordon.controller.registry.Registry;
import dev.cordon.controller.registry.RegistryListener;
import dev.cordon.controller.store.PrivateDirectory;
import dev.cordon.controller.store.Store;
import dev.cordon.controller.tables.api.PolicyTableSide;
import dev.cordon.controller.telemetry.Telemetry;
import dev.cordon.controller.telemetry.TelemetryLimits;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One running controller: store, CA, domain services, gRPC server and metrics, built in that order
 * and closed in reverse. Prints where things are, never what they contain.
 */
public final class ControllerRuntime implements AutoCloseable {

  static final String OWNER_NAME = "owner";

  /** How often the leader sweeps expired tokens and overdue pending devices. */
  static final Duration SWEEP_EVERY = Duration.ofMinutes(5);

  private final Store store;
  private final PolicyTableSide tables;
  private final StorePresence presence;
  private final ControllerServer server;
  private final MetricsEndpoint metricsEndpoint;
  private final CertificateAuthority ca;
  private final Telemetry telemetry;
  private LeaderJobs jobs;
  private CertificateRotation rotation;

  private ControllerRuntime(
      Store store,
      PolicyTableSide tables,
      StorePresence presence,
      ControllerServer server,
      MetricsEndpoint metrics,
      CertificateAuthority ca,
      Telemetry telemetry) {
    this.store = store;
    this.tables = tables;
    this.presence = presence;
    this.server = server;
    this.metricsEndpoint = metrics;
    this.ca = ca;
    this.telemetry = telemetry;
  }

  /** Starts a controller: store, CA, domain services, the policy side, and the gRPC server. */
  public static ControllerRuntime start(ControllerSettings settings, Clock clock, PrintWriter out) {
    SecureRandom random = new SecureRandom();
    Path dataDir = settings.dataDir().toAbsolutePath();
    createPrivateDirectory(dataDir);
    out.printf("cordon controller %s, trust domain %s%n", settings.name(), settings.trustDomain());
    Store store = openStore(settings, dataDir, out);
    PolicyTableSide tables = null;
    StorePresence presence = null;
    try {
      IssuingCa.Opened opened =
          IssuingCa.open(
              CaConfig.of(dataDir.resolve("ca"), settings.trustDomain())
                  .withOptions(settings.issuance()),
              settings.caImport(),
              clock.instant());
      CertificateAuthority ca = opened.ca();
      out.printf("CA: %s (fingerprint %s)%n", opened.how(), ca.fingerprint().hex());
      out.printf("CA signatures: %s%n", EcdsaProviders.current().description());
      StoreRevocationList revocations = new StoreRevocationList(store);
      AuditLog audit = new AuditLog(store, clock, settings.name());
      tables = PolicyTableSide.open(store, clock, audit, settings.name());
      presence = StorePresence.start(store, settings.name());
      ControllerDomain domain = domain(settings, clock, random, store, ca, audit);
      firstOwner(domain.administrators(), dataDir.resolve("owner-credential"), random, out);
      RpcMetrics metrics = new RpcMetrics();
      metrics.include(domain.telemetry().metrics()::exposition);
      RotatingControllerCertificate certificate =
          new RotatingControllerCertificate(
              at ->
                  ControllerCertificate.issue(
                      ca, settings.name(), dnsNames(settings), ipNames(settings), at, random),
              clock);
      ControllerServer server =
          ControllerServer.builder()
              .address(settings.listen())
              .domain(domain)
              .verifier(ca.verifier(revocations))
              .keyManager(certificate)
              .clock(clock)
              .metrics(metrics)
              .tableSide(tables)
              .presence(presence)
              .start();
      out.printf(
          "listening on %s:%d (gRPC, TLS 1.3); tokens point devices at %s%n",
          settings.listen().getHostString(), server.port(), settings.advertise());
      MetricsEndpoint metricsEndpoint = null;
      if (settings.metricsListen().isPresent()) {
        metricsEndpoint = MetricsEndpoint.start(settings.metricsListen().get(), metrics);
        out.printf(
            "metrics: http://%s:%d/metrics%n",
            metricsEndpoint.address().getHostString(), metricsEndpoint.address().getPort());
      }
      out.flush();
      ControllerRuntime runtime =
          new ControllerRuntime(
              store, tables, presence, server, metricsEndpoint, ca, domain.telemetry());
      runtime.jobs = leaderJobs(settings, store, audit, clock);
      runtime.rotation = new CertificateRotation(certificate, out);
      return runtime;
    } catch (IOException e) {
      closeQuietly(tables, presence, store);
      throw new UncheckedIOException(e);
    } catch (RuntimeException e) {
      closeQuietly(tables, presence, store);
      throw e;
    }
  }

  private static void closeQuietly(PolicyTableSide tables, StorePresence presence, Store store) {
    if (tables != null) {
      tables.close();
    }
    if (presence != null) {
      presence.close();
    }
    store.close();
  }

  private static ControllerDomain domain(
      ControllerSettings settings,
      Clock clock,
      SecureRandom random,
      Store store,
      CertificateAuthority ca,
      AuditLog audit) {
    ProtoTokenCodec codec = new ProtoTokenCodec();
    // The policy side follows the store itself (a watch over every key), so that changes made
    // through another controller reach it too; nothing needs to be told in-process.
    RegistryListener listener = RegistryListener.NONE;
    Registry registry = new Registry(store, clock, audit, listener);
    Tokens tokens =
        new Tokens(
            store,
            clock,
            audit,
            codec,
            random,
            settings.advertise(),
            ca.fingerprint(),
            ca.trustDomain());
    Enrollment enrollment =
        new Enrollment(
            store, clock, ca, new Ipam(store, settings.pool()), audit, codec, random, listener);
    return new ControllerDomain(
        ca,
        tokens,
        enrollment,
        registry,
        new Renewal(registry, ca, audit, clock),
        new Administrators(store, ca, audit, clock),
        audit,
        // Flow records and counters reach the store in chunks every few seconds.
        Telemetry.open(store, clock, settings.name(), TelemetryLimits.DEFAULT));
  }

  /**
   * The expiry sweeps, run by whichever controller on this store leads; audited as this controller.
   */
  private static LeaderJobs leaderJobs(
      ControllerSettings settings, Store store, AuditLog audit, Clock clock) {
    String principal = Principal.controller(settings.name(), settings.trustDomain()).toString();
    return LeaderJobs.start(
        store,
        settings.name(),
        new ExpirySweep(store, audit, clock, principal),
        clock,
        SWEEP_EVERY);
  }

  private static Store openStore(ControllerSettings settings, Path dataDir, PrintWriter out) {
    return ControllerStores.open(settings.store(), dataDir, settings.etcdTls(), out);
  }

  /**
   * On the very first start (no admin in the store) makes the owner's key here, since that admin
   * has no other way in, and writes the credential once. Later starts only say where it went.
   */
  private static void firstOwner(
      Administrators administrators, Path directory, SecureRandom random, PrintWriter out)
      throws IOException {
    if (administrators.anyExist()) {
      out.printf("owner credential: created at first start in %s%n", directory);
      return;
    }
    KeyPair keys = LocalKeys.p256(random);
    AdminRecord owner = administrators.create("", OWNER_NAME, AdminRole.OWNER, LocalKeys.csr(keys));
    OwnerCredential.write(
        directory, keys.getPrivate(), owner.credential().current(), administrators.bundle());
    out.printf(
        "owner credential: written to %s (%s, %s, %s; mode 0600); move it to the admin's"
            + " machine%n",
        directory, OwnerCredential.CERT, OwnerCredential.KEY, OwnerCredential.CA);
  }

  private static List<String> dnsNames(ControllerSettings settings) {
    Set<String> names = new LinkedHashSet<>();
    names.add("localhost");
    String advertised = settings.advertise().replaceAll(":\\d+$", "");
    if (!looksLikeIp(advertised)) {
      names.add(advertised);
    }
    settings.extraNames().stream().filter(n -> !looksLikeIp(n)).forEach(names::add);
    return List.copyOf(names);
  }

  private static List<InetAddress> ipNames(ControllerSettings settings) {
    List<String> literals = new ArrayList<>(List.of("127.0.0.1", "::1"));
    literals.add(settings.advertise().replaceAll(":\\d+$", "").replace("[", "").replace("]", ""));
    literals.add(settings.listen().getHostString());
    literals.addAll(settings.extraNames());
    Set<InetAddress> out = new LinkedHashSet<>();
    for (String literal : literals) {
      if (looksLikeIp(literal)) {
        try {
          InetAddress address = InetAddress.getByName(literal);
          if (!address.isAnyLocalAddress()) {
            out.add(address);
          }
        } catch (java.net.UnknownHostException e) {
          throw new IllegalArgumentException("not an IP address: " + literal, e);
        }
      }
    }
    return List.copyOf(out);
  }

  private static boolean looksLikeIp(String host) {
    return host.matches("[0-9.]+") || host.contains(":");
  }

  /**
   * Creates the data directory 0700 (it holds the CA key and the store); parents get the umask's
   * mode, and an existing directory keeps the mode its operator gave it.
   */
  static void createPrivateDirectory(Path dir) {
    try {
      PrivateDirectory.create(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the data directory " + dir, e);
    }
  }

  public int port() {
    return server.port();
  }

  public CertificateAuthority ca() {
    return ca;
  }

  @Override
  public void close() {
    if (jobs != null) {
      jobs.close();
    }
    if (rotation != null) {
      rotation.close();
    }
    server.shutdown(Duration.ofSeconds(5));
    if (metricsEndpoint != null) {
      metricsEndpoint.close();
    }
    tables.close();
    presence.close();
    telemetry.close();
    store.close();
  }
}
