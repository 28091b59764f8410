package dev.cordon.controller.telemetry;

import dev.cordon.proto.v1.FlowRecord;
import dev.cordon.proto.v1.Verdict;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Per-device counters, summed in memory and handed to the store in batches of the devices that
 * changed. At most {@code maxDevices} devices are counted: device names come from gateways, and a
 * gateway inventing names must not grow the controller without bound.
 */
final class DeviceCounters {

  /** Device ids as the registry makes them; anything else is not a key we write. */
  private static final Pattern DEVICE_ID = Pattern.compile("[A-Za-z0-9._-]{1,128}");

  private final int maxDevices;
  private final Map<String, DeviceCounts> counts = new HashMap<>();
  private final Map<String, DeviceCounts> changed = new LinkedHashMap<>();

  DeviceCounters(int maxDevices) {
    this.maxDevices = maxDevices;
  }

  /** Counts one flow record against its sender; false when it could not be counted. */
  synchronized boolean count(FlowRecord flow) {
    String device = flow.getSourceIdentity().getName();
    if (!DEVICE_ID.matcher(device).matches()) {
      return false;
    }
    DeviceCounts before = counts.get(device);
    if (before == null) {
      if (counts.size() >= maxDevices) {
        return false;
      }
      before = DeviceCounts.ZERO;
    }
    DeviceCounts after = add(before, flow);
    counts.put(device, after);
    changed.put(device, after);
    return true;
  }

  private static DeviceCounts add(DeviceCounts c, FlowRecord flow) {
    Instant end = Instant.ofEpochSecond(flow.getEnd().getSeconds(), flow.getEnd().getNanos());
    Instant seen = end.isAfter(c.lastSeen()) ? end : c.lastSeen();
    if (!flow.getEnded()) {
      return new DeviceCounts(
          c.flows(),
          c.deniedFlows(),
          c.bytesSent(),
          c.bytesReceived(),
          c.packetsSent(),
          c.packetsReceived(),
          seen);
    }
    return new DeviceCounts(
        c.flows() + 1,
        c.deniedFlows() + (flow.getVerdict() == Verdict.VERDICT_DENY ? 1 : 0),
        c.bytesSent() + flow.getBytesSent(),
        c.bytesReceived() + flow.getBytesReceived(),
        c.packetsSent() + flow.getPacketsSent(),
        c.packetsReceived() + flow.getPacketsReceived(),
        seen);
  }

  synchronized Optional<DeviceCounts> of(String device) {
    return Optional.ofNullable(counts.get(device));
  }

  synchronized int devices() {
    return counts.size();
  }

  /** The devices changed since the last call, and their counts now. */
  synchronized Map<String, DeviceCounts> takeChanged() {
    Map<String, DeviceCounts> out = new LinkedHashMap<>(changed);
    changed.clear();
    return out;
  }

  /** Puts back what a failed write took, unless newer counts arrived meanwhile. */
  synchronized void untake(Map<String, DeviceCounts> unwritten) {
    unwritten.forEach(changed::putIfAbsent);
  }

  /** Loads counts stored by an earlier run; used at start only. */
  synchronized void restore(String device, DeviceCounts stored) {
    if (counts.size() < maxDevices && DEVICE_ID.matcher(device).matches()) {
      counts.put(device, stored);
    }
  }
}
