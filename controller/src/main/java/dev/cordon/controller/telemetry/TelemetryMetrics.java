package dev.cordon.controller.telemetry;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * Telemetry counters in Prometheus text format. Label values are fixed words from this package
 * (record kinds and drop reasons), never anything a gateway sends.
 */
public final class TelemetryMetrics {

  /** Why records did not reach the log or the counters. */
  public enum Drop {
    /** The batch was over a limit and the stream was ended. */
    BATCH_OVER_LIMIT,
    /** The gateway's own queue was full; it said how many it lost. */
    GATEWAY_BUFFER_FULL,
    /** The sender's device could not be counted (device limit, or not a device id). */
    DEVICE_NOT_COUNTED;

    String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  private final LongAdder flows = new LongAdder();
  private final LongAdder events = new LongAdder();
  private final Map<Drop, LongAdder> drops = new ConcurrentHashMap<>();
  private final LongSupplier logEntries;
  private final LongSupplier evicted;
  private final LongSupplier devices;

  TelemetryMetrics(LongSupplier logEntries, LongSupplier evicted, LongSupplier devices) {
    this.logEntries = logEntries;
    this.evicted = evicted;
    this.devices = devices;
  }

  void received(int flowCount, int eventCount) {
    flows.add(flowCount);
    events.add(eventCount);
  }

  void dropped(Drop reason, long count) {
    drops.computeIfAbsent(reason, r -> new LongAdder()).add(count);
  }

  public long receivedFlows() {
    return flows.sum();
  }

  public long receivedEvents() {
    return events.sum();
  }

  public long dropped(Drop reason) {
    LongAdder adder = drops.get(reason);
    return adder == null ? 0 : adder.sum();
  }

  /** Prometheus text exposition format 0.0.4. */
  public String exposition() {
    StringBuilder out = new StringBuilder();
    header(
        out,
        "cordon_controller_telemetry_received_total",
        "Telemetry records stored, by record.",
        "counter");
    line(out, "cordon_controller_telemetry_received_total{record=\"flow\"}", flows.sum());
    line(out, "cordon_controller_telemetry_received_total{record=\"event\"}", events.sum());
    header(
        out,
        "cordon_controller_telemetry_dropped_total",
        "Telemetry records lost, by reason.",
        "counter");
    Map<String, Long> byReason = new TreeMap<>();
    for (Drop reason : Drop.values()) {
      byReason.put(reason.label(), dropped(reason));
    }
    byReason.forEach(
        (reason, n) ->
            line(out, "cordon_controller_telemetry_dropped_total{reason=\"" + reason + "\"}", n));
    header(
        out,
        "cordon_controller_telemetry_log_evicted_total",
        "Event log entries that made room for newer ones or aged out.",
        "counter");
    line(out, "cordon_controller_telemetry_log_evicted_total", evicted.getAsLong());
    header(out, "cordon_controller_telemetry_log_entries", "Entries in the event log.", "gauge");
    line(out, "cordon_controller_telemetry_log_entries", logEntries.getAsLong());
    header(out, "cordon_controller_telemetry_devices", "Devices with counters.", "gauge");
    line(out, "cordon_controller_telemetry_devices", devices.getAsLong());
    return out.toString();
  }

  private static void header(StringBuilder out, String name, String help, String type) {
    out.append("# HELP ").append(name).append(' ').append(help).append('\n');
    out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
  }

  private static void line(StringBuilder out, String series, long value) {
    out.append(series).append(' ').append(value).append('\n');
  }
}
