package dev.cordon.controller.telemetry;

import dev.cordon.controller.store.Store;
import dev.cordon.proto.v1.FlowRecord;
import dev.cordon.proto.v1.Identity;
import dev.cordon.proto.v1.ReportTelemetryResponse;
import dev.cordon.proto.v1.SecurityEvent;
import dev.cordon.proto.v1.TelemetryBatch;
import io.grpc.stub.StreamObserver;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The telemetry side of one controller: takes gateways' streams, keeps the event log and the device
 * counters, answers event queries, and (when opened on a store) writes both to the store every
 * {@link TelemetryLimits#flushInterval()} from one thread of its own.
 */
public final class Telemetry implements AutoCloseable {

  private static final System.Logger LOG = System.getLogger(Telemetry.class.getName());

  private final TelemetryLimits limits;
  private final EventLog log;
  private final DeviceCounters devices;
  private final TelemetryMetrics metrics;
  private final TelemetryArchive archive;
  private final ScheduledExecutorService flusher;

  private Telemetry(Clock clock, TelemetryLimits limits, TelemetryArchive archive) {
    this.limits = limits;
    this.log = new EventLog(clock, limits);
    this.devices = new DeviceCounters(limits.maxDevices());
    this.metrics = new TelemetryMetrics(log::size, log::evicted, devices::devices);
    this.archive = archive;
    if (archive == null) {
      this.flusher = null;
      return;
    }
    archive.restore(log, devices);
    this.flusher =
        Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().daemon().name("cordon-telemetry-flush").unstarted(r));
    long every = Math.max(1, limits.flushInterval().toMillis());
    flusher.scheduleWithFixedDelay(this::flushLogged, every, every, TimeUnit.MILLISECONDS);
  }

  /** Memory only: for tests and for wiring without a store. Nothing survives a restart. */
  public static Telemetry inMemory(Clock clock, TelemetryLimits limits) {
    return new Telemetry(clock, limits, null);
  }

  /** Reads back what {@code controller} stored before, then writes to the store periodically. */
  public static Telemetry open(
      Store store, Clock clock, String controller, TelemetryLimits limits) {
    return new Telemetry(
        clock, limits, new TelemetryArchive(store, controller, limits.chunkEntries()));
  }

  /** A ReportTelemetry stream from {@code gateway}, whose identity came from its TLS session. */
  public StreamObserver<TelemetryBatch> intake(
      Identity gateway, StreamObserver<ReportTelemetryResponse> out) {
    return new TelemetryIntake(this, gateway, out);
  }

  /** Stores one checked, attributed batch. */
  void accept(
      Identity gateway, List<FlowRecord> flows, List<SecurityEvent> events, long droppedAtGateway) {
    List<SecurityEvent> entries = new ArrayList<>(flows.size() + events.size());
    long uncounted = 0;
    for (FlowRecord flow : flows) {
      entries.add(FlowEvents.of(flow, gateway));
      if (flow.hasSourceIdentity() && !devices.count(flow)) {
        uncounted++;
      }
    }
    entries.addAll(events);
    log.append(entries);
    metrics.received(flows.size(), events.size());
    if (uncounted > 0) {
      metrics.dropped(TelemetryMetrics.Drop.DEVICE_NOT_COUNTED, uncounted);
    }
    if (droppedAtGateway > 0) {
      metrics.dropped(TelemetryMetrics.Drop.GATEWAY_BUFFER_FULL, droppedAtGateway);
    }
  }

  /** A page of the log, oldest first. Read-only; safe to retry. */
  public EventPage query(EventQuery query) {
    return log.query(query);
  }

  /** The counters of one device; empty when no gateway reported a flow of it. */
  public Optional<DeviceCounts> counts(String device) {
    return devices.of(device);
  }

  public TelemetryMetrics metrics() {
    return metrics;
  }

  TelemetryLimits limits() {
    return limits;
  }

  /** Writes what the store has not seen yet; a no-op in memory. */
  public void flush() {
    if (archive != null) {
      synchronized (archive) {
        archive.flush(log, devices);
      }
    }
  }

  private void flushLogged() {
    try {
      flush();
    } catch (RuntimeException e) {
      // The next flush retries; a scheduled task that throws would never run again.
      LOG.log(
          System.Logger.Level.WARNING, "cannot write telemetry to the store: {0}", e.getMessage());
    }
  }

  /** Stops the flusher and writes a last time; call before the store closes. */
  @Override
  public void close() {
    if (flusher == null) {
      return;
    }
    flusher.shutdown();
    try {
      flusher.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    flushLogged();
  }
}
