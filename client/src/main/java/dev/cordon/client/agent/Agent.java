package dev.cordon.client.agent;

import dev.cordon.client.cli.CliException;
import dev.cordon.client.cli.ClientContext;
import dev.cordon.client.cli.ExitCodes;
import dev.cordon.client.identity.DeviceIdentity;
import dev.cordon.client.identity.StateDirectory;
import dev.cordon.proto.v1.DeviceServiceGrpc;
import dev.cordon.proto.v1.DeviceStatus;
import dev.cordon.proto.v1.DeviceTable;
import dev.cordon.proto.v1.DeviceTableUpdate;
import dev.cordon.proto.v1.SyncTableRequest;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.stub.ClientCallStreamObserver;
import java.io.IOException;
import java.io.PrintWriter;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The device agent: one loop that owns all state and reacts to one {@link AgentEvent} at a time
 * (table updates, stream failures, timers, stop). The stream and the timers only post events, so
 * nothing here needs a lock. While the controller is away the last applied table stays in force
 * (fail-static: never wider); on the way back the stream resumes from the version held.
 *
 * <p>Revocation (the table says REVOKED, or the controller refuses the device) removes every peer
 * and route, closes the interface and ends {@link #run()} with {@link ExitCodes#PERMISSION_DENIED}
 * (or {@link ExitCodes#AUTH_FAILED} when the certificate itself is refused).
 */
public final class Agent {

  private final ClientContext context;
  private final StateDirectory state;
  private final AgentOptions options;
  private final Tunnel.Factory tunnels;
  private final PrintWriter out;
  private final PrintWriter progress;
  private final BlockingQueue<AgentEvent> events = new LinkedBlockingQueue<>();
  private final TableSync sync = new TableSync();
  private final Backoff backoff =
      new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(1), new SecureRandom()::nextDouble);
  private final SecureRandom random = new SecureRandom();

  private DeviceIdentity identity;
  private Tunnel tunnel;
  private InboundFilter filter;
  private ManagedChannel channel;
  private ClientCallStreamObserver<SyncTableRequest> call;
  private ScheduledExecutorService timers;
  private CertificateRenewal.Validity validity;
  private AgentReporter reporter;

  /** What the tunnel holds now, which is what a teardown must remove. */
  private TablePlan installed = TablePlan.EMPTY;

  private int stream;
  private boolean tableSinceConnect;
  private String link = "starting";

  public Agent(
      ClientContext context,
      StateDirectory state,
      AgentOptions options,
      Tunnel.Factory tunnels,
      PrintWriter out,
      PrintWriter progress) {
    this.context = context;
    this.state = state;
    this.options = options;
    this.tunnels = tunnels;
    this.out = out;
    this.progress = progress;
  }

  /** Asks a running agent to tear down and return; safe from any thread (a signal handler). */
  public void stop() {
    events.add(new AgentEvent.Stop());
  }

  /**
   * Runs until {@link #stop()} (returns {@link ExitCodes#OK}) or until the device is cut off
   * (throws a {@link CliException} after tearing everything down).
   */
  public int run() throws IOException, GeneralSecurityException, InterruptedException {
    String recovered = CertificateFiles.recover(state);
    if (recovered != null) {
      say(recovered + ".");
    }
    identity = state.identity();
    validity = CertificateRenewal.Validity.of(state.certificateChain().getFirst());
    PidFile.Owner owner = PidFile.claim(state.path());
    timers =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("cordon-agent-timers").factory());
    try {
      open();
      connect();
      scheduleRenewal(RenewalSchedule.delay(now(), validity.notBefore(), validity.notAfter()));
      every(options.statusInterval(), new AgentEvent.WriteStatus());
      every(options.postureCheckInterval(), new AgentEvent.PostureCheck());
      every(options.postureInterval(), new AgentEvent.PostureDue());
      return loop();
    } finally {
      timers.shutdownNow();
      closeStream();
      if (channel != null) {
        channel.shutdownNow();
      }
      tearDown();
      java.nio.file.Files.deleteIfExists(state.file(AgentStatus.FILE));
      PidFile.release(state.path(), owner);
    }
  }

  private int loop() throws InterruptedException {
    while (true) {
      switch (events.take()) {
        case AgentEvent.Stop s -> {
          say("Stopping: tearing down the tunnels and removing " + options.interfaceName() + ".");
          return ExitCodes.OK;
        }
        case AgentEvent.Update u when u.stream() == stream -> onUpdate(u.update());
        case AgentEvent.StreamFailed f when f.stream() == stream -> onStreamLost(f.status());
        case AgentEvent.StreamEnded e when e.stream() == stream ->
            onStreamLost(Status.UNAVAILABLE.withDescription("the controller closed the stream"));
        case AgentEvent.Reconnect r -> connect();
        case AgentEvent.RenewDue r -> renew();
        case AgentEvent.PostureDue p -> reporter.report(true);
        case AgentEvent.PostureCheck p -> reporter.report(false);
        case AgentEvent.WriteStatus w -> writeStatus();
        default -> {
          // A late event of a stream already replaced.
        }
      }
    }
  }

  private void open() throws IOException {
    filter = new InboundFilter(() -> context.clock().millis());
    progress("Creating interface " + options.interfaceName() + " ...");
    tunnel = tunnels.open(options.interfaceName(), state.wireGuardKeys().privateKey(), filter);
    String address = identity.overlayAddress();
    tunnel.addAddress(address + (address.contains(":") ? "/128" : "/32"));
    reporter =
        new AgentReporter(
            options.posture(),
            context.clock(),
            this::deviceStub,
            () -> tableSinceConnect,
            options.callTimeout(),
            out);
    say("Interface " + options.interfaceName() + " is up with " + address + ".");
  }

  private void connect() {
    closeStream();
    try {
      if (channel == null) {
        channel = context.connector().device(identity.controllerAddress(), state);
      }
    } catch (IOException | GeneralSecurityException e) {
      throw new CliException(
          ExitCodes.FAILURE,
          "cannot use the device credential in " + state.path() + ": " + e.getMessage(),
          e);
    }
    int attempt = ++stream;
    tableSinceConnect = false;
    link = "connecting";
    progress(
        "Connecting to the controller at "
            + identity.controllerAddress()
            + (sync.knownVersion() == 0
                ? ""
                : " (holding table version " + sync.knownVersion() + ")")
            + " ...");
    SyncTableRequest request =
        SyncTableRequest.newBuilder().setKnownVersion(sync.knownVersion()).build();
    DeviceServiceGrpc.newStub(channel)
        .syncTable(request, new TableStream(attempt, events, started -> call = started));
  }

  private void onUpdate(DeviceTableUpdate update) {
    switch (sync.accept(update)) {
      case TableSync.Resync r -> {
        say(
            "Table update does not fit ("
                + r.reason()
                + "); resyncing from version "
                + r.knownVersion()
                + ".");
        closeStream();
        schedule(backoff.next(), new AgentEvent.Reconnect());
      }
      case TableSync.Applied a -> onApplied(a);
    }
  }

  private void onApplied(TableSync.Applied applied) {
    DeviceTable table = applied.table();
    if (table.getStatus() == DeviceStatus.DEVICE_STATUS_REVOKED) {
      throw revoked("the controller's table says this device is revoked");
    }
    for (String problem : TableApplier.apply(tunnel, installed.changesTo(applied.plan()))) {
      say("Warning: " + problem + ".");
    }
    installed = applied.plan();
    for (String rejected : applied.plan().rejected()) {
      say("Warning: ignored " + rejected + " in the table (not a valid prefix or key).");
    }
    filter.update(InboundRules.compile(table.getInboundRulesList()), table.getVersion());
    link = "connected";
    String summary =
        "table version "
            + table.getVersion()
            + " (policy "
            + table.getPolicyVersion()
            + "): "
            + applied.plan().peers().size()
            + " peer(s), "
            + applied.plan().routes().size()
            + " route(s), "
            + table.getInboundRulesCount()
            + " inbound rule(s)";
    if (!tableSinceConnect) {
      tableSinceConnect = true;
      backoff.reset();
      say("Connected; " + summary + ".");
      events.add(new AgentEvent.PostureCheck());
    } else {
      say("Applied " + summary + ".");
    }
    if (table.getStatus() == DeviceStatus.DEVICE_STATUS_PENDING) {
      progress(
          "Waiting for an administrator to run 'cordon device approve "
              + identity.deviceId()
              + "' ...");
    } else if (table.getStatus() == DeviceStatus.DEVICE_STATUS_QUARANTINED) {
      say("This device is quarantined: it reaches only what the quarantine segment may reach.");
    }
  }

  private void onStreamLost(Status status) {
    closeStream();
    switch (status.getCode()) {
      case PERMISSION_DENIED ->
          throw revoked("the controller refused this device (" + AgentWords.describe(status) + ")");
      case UNAUTHENTICATED -> {
        tearDown();
        throw new CliException(
            ExitCodes.AUTH_FAILED,
            "the controller no longer accepts this"
                + " device's certificate ("
                + AgentWords.describe(status)
                + "); tunnels torn down. If the"
                + " device was offline past its certificate's expiry, enroll it again with a new"
                + " token");
      }
      default -> {
        Duration delay = backoff.next();
        link = "reconnecting (" + AgentWords.describe(status) + ")";
        progress(
            "Lost the controller ("
                + AgentWords.describe(status)
                + "); keeping table version "
                + sync.knownVersion()
                + ", reconnecting in "
                + AgentWords.seconds(delay)
                + " ...");
        schedule(delay, new AgentEvent.Reconnect());
      }
    }
  }

  private void renew() {
    progress("Renewing the certificate (expires " + validity.notAfter() + ") ...");
    try {
      validity =
          CertificateRenewal.renew(deviceStub(), state, random, options.callTimeout().toMillis());
      Duration next =
          RenewalSchedule.delayAfterRenewal(now(), validity.notBefore(), validity.notAfter());
      say(
          "Renewed the certificate; it expires "
              + validity.notAfter()
              + ", next renewal in "
              + AgentWords.seconds(next)
              + ".");
      scheduleRenewal(next);
      // New connections must present the new certificate: swap the channel and resume the
      // stream from the version held.
      ManagedChannel old = channel;
      channel = null;
      connect();
      old.shutdown();
    } catch (io.grpc.StatusRuntimeException e) {
      if (e.getStatus().getCode() == Status.Code.PERMISSION_DENIED) {
        throw revoked(
            "the controller refused to renew the certificate ("
                + AgentWords.describe(e.getStatus())
                + ")");
      }
      renewFailed(AgentWords.describe(e.getStatus()));
    } catch (IOException | GeneralSecurityException | RuntimeException e) {
      renewFailed(e.getMessage());
    }
  }

  private void renewFailed(String why) {
    Duration retry = RenewalSchedule.retryDelay(now(), validity.notAfter());
    say(
        "Warning: certificate renewal failed ("
            + why
            + "); retrying in "
            + AgentWords.seconds(retry)
            + "; the certificate expires "
            + validity.notAfter()
            + ".");
    scheduleRenewal(retry);
  }

  private CliException revoked(String why) {
    tearDown();
    return new CliException(
        ExitCodes.PERMISSION_DENIED,
        "device "
            + identity.deviceId()
            + " is revoked: "
            + why
            + ". All tunnels were torn down and "
            + options.interfaceName()
            + " removed. To rejoin, an administrator must issue a new"
            + " token and the device must enroll again");
  }

  /** Removes every peer and route, then the interface; once. */
  private void tearDown() {
    link = "cut off";
    if (tunnel != null) {
      TableApplier.tearDown(tunnel, installed);
      installed = TablePlan.EMPTY;
      tunnel.close();
      tunnel = null;
    }
  }

  private void writeStatus() {
    if (tunnel == null) {
      return;
    }
    try {
      AgentStatusSnapshot.of(
              identity,
              options.interfaceName(),
              validity,
              link,
              sync,
              reporter.lastReported(),
              tunnel,
              context.clock().instant())
          .write(state.file(AgentStatus.FILE));
    } catch (IOException e) {
      // The status file is a convenience; the agent goes on without it.
    }
  }

  private DeviceServiceGrpc.DeviceServiceBlockingStub deviceStub() {
    return DeviceServiceGrpc.newBlockingStub(channel);
  }

  /** Cancels the current call; its late events (CANCELLED among them) are then stale. */
  private void closeStream() {
    stream++;
    if (call != null) {
      call.cancel("reconnecting", null);
      call = null;
    }
  }

  private void scheduleRenewal(Duration delay) {
    schedule(delay, new AgentEvent.RenewDue());
  }

  private void schedule(Duration delay, AgentEvent event) {
    timers.schedule(() -> events.add(event), delay.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void every(Duration period, AgentEvent event) {
    timers.scheduleAtFixedRate(
        () -> events.add(event), period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
  }

  private java.time.Instant now() {
    return context.clock().instant();
  }

  private void say(String line) {
    out.println(line);
    out.flush();
  }

  private void progress(String line) {
    progress.println(line);
    progress.flush();
  }
}
