package dev.cordon.controller.telemetry;

import java.time.Duration;

/**
 * What one gateway may send and what the controller keeps. Every bound here exists so that no
 * gateway, however broken or hostile, can grow the controller's memory or store without limit.
 *
 * @param maxFlowsPerBatch flow records in one batch; gateways send at most 1,000
 * @param maxEventsPerBatch security events in one batch
 * @param maxRecordBytes the encoded size of one record
 * @param logEntries entries the event log holds; the oldest go first
 * @param logBytes encoded bytes the event log holds; the oldest go first
 * @param retention how long an entry is kept at most
 * @param maxDevices devices with counters; records of further devices are not counted
 * @param flushInterval how often the log's new entries and changed counters go to the store
 * @param chunkEntries log entries per stored chunk (one store key)
 */
public record TelemetryLimits(
    int maxFlowsPerBatch,
    int maxEventsPerBatch,
    int maxRecordBytes,
    int logEntries,
    long logBytes,
    Duration retention,
    int maxDevices,
    Duration flushInterval,
    int chunkEntries) {

  public static final TelemetryLimits DEFAULT =
      new TelemetryLimits(
          2_000,
          1_000,
          4 * 1024,
          100_000,
          64L * 1024 * 1024,
          Duration.ofDays(1),
          100_000,
          Duration.ofSeconds(5),
          500);

  public TelemetryLimits {
    if (maxFlowsPerBatch < 1
        || maxEventsPerBatch < 1
        || maxRecordBytes < 64
        || logEntries < 1
        || logBytes < maxRecordBytes
        || maxDevices < 1
        || chunkEntries < 1) {
      throw new IllegalArgumentException("telemetry limits must be positive and hold one record");
    }
    if (retention.isNegative() || retention.isZero() || flushInterval.isNegative()) {
      throw new IllegalArgumentException(
          "retention must be positive, the flush interval not negative");
    }
  }

  public TelemetryLimits withBatch(int flows, int events) {
    return new TelemetryLimits(
        flows,
        events,
        maxRecordBytes,
        logEntries,
        logBytes,
        retention,
        maxDevices,
        flushInterval,
        chunkEntries);
  }

  public TelemetryLimits withLog(int entries, Duration retention, int devices) {
    return new TelemetryLimits(
        maxFlowsPerBatch,
        maxEventsPerBatch,
        maxRecordBytes,
        entries,
        logBytes,
        retention,
        devices,
        flushInterval,
        chunkEntries);
  }
}
