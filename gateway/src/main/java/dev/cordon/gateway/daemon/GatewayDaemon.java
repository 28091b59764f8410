package dev.cordon.gateway.daemon;

import dev.cordon.gateway.device.DeviceAdapter;
import dev.cordon.gateway.device.EnforcingPolicy;
import dev.cordon.gateway.device.PeerDevice;
import dev.cordon.gateway.device.TunnelDrops;
import dev.cordon.gateway.enforce.DropCounters;
import dev.cordon.gateway.enforce.Enforcer;
import dev.cordon.gateway.enforce.GatewayPeer;
import dev.cordon.gateway.enforce.PeerSlot;
import dev.cordon.gateway.enforce.PolicySnapshot;
import dev.cordon.gateway.identity.CertificateRenewer;
import dev.cordon.gateway.sync.Backoff;
import dev.cordon.gateway.sync.ControllerSync;
import dev.cordon.gateway.sync.FailStatic;
import dev.cordon.gateway.table.GatewayTableState;
import dev.cordon.gateway.table.LatencyHistogram;
import dev.cordon.gateway.table.TableApplier;
import dev.cordon.gateway.telemetry.FlowLedger;
import dev.cordon.gateway.telemetry.FlowQueue;
import dev.cordon.gateway.telemetry.GatewayStatus;
import dev.cordon.gateway.telemetry.StatusFile;
import dev.cordon.gateway.telemetry.TelemetryReporter;
import dev.cordon.gateway.telemetry.TelemetryStream;
import dev.cordon.tunnel.PeerStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The enforcement core assembled around a device: table state, enforcer, flow ledger, and the
 * periodic work (status file and tracker expiry every second, telemetry every few seconds). The
 * device and the controller channel are opened by {@link GatewayCommand}; this class owns the
 * threads it starts and stops them in {@link #close}.
 */
final class GatewayDaemon implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(GatewayDaemon.class.getName());

  final FailStatic failStatic;
  final DropCounters drops = new DropCounters();
  final FlowQueue flowQueue;
  final FlowLedger ledger;
  final Enforcer enforcer;
  final DeviceAdapter peers;
  final EnforcingPolicy policy;
  final LatencyHistogram latency = new LatencyHistogram();
  private final GatewayTableState state;
  private final Path stateDir;
  private final ScheduledExecutorService periodic =
      Executors.newSingleThreadScheduledExecutor(
          r -> Thread.ofPlatform().daemon().name("cordon-telemetry").unstarted(r));
  private final ScheduledExecutorService syncWorker =
      Executors.newSingleThreadScheduledExecutor(
          r -> Thread.ofPlatform().daemon().name("cordon-sync").unstarted(r));
  private final ScheduledExecutorService renewalWorker =
      Executors.newSingleThreadScheduledExecutor(
          r -> Thread.ofPlatform().daemon().name("cordon-renewal").unstarted(r));
  private volatile PeerDevice device;
  private CertificateRenewer renewer;
  private ControllerSync sync;
  private TelemetryStream telemetry;

  GatewayDaemon(
      String name,
      Path stateDir,
      Duration failStaticBound,
      int maxFlows,
      int queue,
      Duration flowReportInterval) {
    long now = System.currentTimeMillis();
    this.stateDir = stateDir;
    this.failStatic = new FailStatic(failStaticBound, now);
    this.state = new GatewayTableState(name);
    this.flowQueue = new FlowQueue(queue);
    this.ledger =
        new FlowLedger(name, this::currentPolicy, flowQueue, flowReportInterval.toMillis());
    this.enforcer = new Enforcer(PolicySnapshot.empty(), maxFlows, drops, failStatic, ledger);
    this.peers = new DeviceAdapter(new LateDevice());
    this.policy = new EnforcingPolicy(enforcer, peers, System::currentTimeMillis);
  }

  private PolicySnapshot currentPolicy() {
    return enforcer.policy();
  }

  /** The device opened with {@link #policy}; table operations reach it from now on. */
  void attach(PeerDevice opened) {
    this.device = opened;
  }

  /** Starts the table watch, telemetry and the status file. */
  void start(io.grpc.Channel channel, TableApplier.Listener listener) {
    TableApplier applier =
        new TableApplier(
            state, peers, enforcer, latency, System::currentTimeMillis, System::nanoTime, listener);
    sync =
        new ControllerSync(
            channel,
            applier,
            failStatic,
            new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30), new Random()),
            syncWorker,
            System::currentTimeMillis);
    sync.start();
    telemetry = new TelemetryStream(channel, System::currentTimeMillis, 30_000);
    TelemetryReporter reporter = new TelemetryReporter(ledger, flowQueue, telemetry, 1000);
    periodic.scheduleWithFixedDelay(this::everySecond, 0, 1, TimeUnit.SECONDS);
    periodic.scheduleWithFixedDelay(
        () -> guarded(() -> reporter.tick(System.currentTimeMillis())), 5, 5, TimeUnit.SECONDS);
  }

  /**
   * Keeps the certificate renewed on its own thread: a slow or unreachable controller delays the
   * renewal, never a table update.
   */
  void startRenewal(CertificateRenewer renewer) {
    this.renewer = renewer;
    renewer.start(renewalWorker);
  }

  /**
   * Moves the table watch and the telemetry stream to new calls, after the channel was told to
   * reconnect with a renewed certificate. Enforcement goes on throughout on the applied table.
   */
  void reconnect() {
    if (sync != null) sync.rewatch();
    TelemetryStream t = telemetry;
    if (t != null) periodic.execute(() -> guarded(t::reopen));
  }

  ScheduledExecutorService syncWorker() {
    return syncWorker;
  }

  private void everySecond() {
    guarded(
        () -> {
          enforcer.expire(System.currentTimeMillis());
          try {
            StatusFile.write(stateDir, status());
          } catch (IOException e) {
            LOG.log(Level.WARNING, "cannot write the status file: {0}", e.getMessage());
          }
        });
  }

  private static void guarded(Runnable r) {
    try {
      r.run();
    } catch (RuntimeException e) {
      // A periodic task that throws is never run again; log and keep the schedule alive.
      LOG.log(Level.WARNING, "periodic gateway task failed", e);
    }
  }

  GatewayStatus status() {
    long now = System.currentTimeMillis();
    Map<String, PeerStatus> tunnel = new HashMap<>();
    PeerDevice d = device;
    if (d != null) for (PeerStatus s : d.peers()) tunnel.put(s.peer(), s);
    List<GatewayStatus.Peer> list = new ArrayList<>();
    for (PeerSlot slot : peers.slots()) {
      GatewayPeer p = slot.current();
      if (p == null) continue;
      PeerStatus t = tunnel.get(slot.key().toString());
      long age =
          t == null || t.lastHandshake() == null ? -1 : now - t.lastHandshake().toEpochMilli();
      var c = slot.counters();
      list.add(
          new GatewayStatus.Peer(
              p.deviceId(),
              p.status().name(),
              age,
              c.packetsIn(),
              c.packetsOut(),
              c.drops(),
              t == null ? 0 : t.rxBytes(),
              t == null ? 0 : t.txBytes()));
    }
    // The enforcer's counts first: the tunnel counts each verdict after the enforcer did, so its
    // copy is never behind what is subtracted from it.
    Map<dev.cordon.gateway.enforce.DropReason, Long> enforced = drops.snapshot();
    Map<dev.cordon.tunnel.DropReason, Long> tunnelDrops = d == null ? Map.of() : d.drops();
    return new GatewayStatus(
        state.version(),
        failStatic.isConnected(),
        failStatic.remainingMillis(now),
        enforcer.flows(),
        latency.quantileMicros(0.5),
        latency.quantileMicros(0.99),
        latency.maxMicros(),
        d == null ? enforced : TunnelDrops.merged(enforced, tunnelDrops),
        d == null ? Map.of() : TunnelDrops.tunnelOnly(enforced, tunnelDrops),
        list,
        latency.snapshot());
  }

  /** Stops sync and telemetry, then removes the status file; the caller closes the device. */
  @Override
  public void close() {
    if (renewer != null) renewer.close();
    renewalWorker.shutdownNow();
    if (sync != null) sync.close();
    syncWorker.shutdownNow();
    periodic.shutdownNow();
    try {
      periodic.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (telemetry != null) telemetry.close();
    try {
      Files.deleteIfExists(stateDir.resolve(StatusFile.NAME));
    } catch (IOException e) {
      LOG.log(Level.FINE, "status file not removed", e);
    }
  }

  /**
   * The device as seen before it is open: the adapter is built first (the device's policy needs
   * it), and no table is applied until the device is attached, so these calls always find it.
   */
  private final class LateDevice implements PeerDevice {
    @Override
    public void setPeer(dev.cordon.tunnel.PeerConfig config) {
      device.setPeer(config);
    }

    @Override
    public boolean removePeer(byte[] publicKey) {
      return device.removePeer(publicKey);
    }

    @Override
    public List<PeerStatus> peers() {
      PeerDevice d = device;
      return d == null ? List.of() : d.peers();
    }
  }
}
