package dev.cordon.controller.telemetry;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * What one device did, summed over the flows gateways reported: the baseline the behavioural
 * analytics compares against. Bytes and packets come from ended flows (their records carry the
 * flow's totals); an interim record of a long flow only moves {@code lastSeen}.
 */
public record DeviceCounts(
    long flows,
    long deniedFlows,
    long bytesSent,
    long bytesReceived,
    long packetsSent,
    long packetsReceived,
    Instant lastSeen) {

  public static final DeviceCounts ZERO = new DeviceCounts(0, 0, 0, 0, 0, 0, Instant.EPOCH);

  /** One line of {@code name=value} pairs: readable in {@code etcdctl get}, stable to parse. */
  String encode() {
    return "flows=%d denied=%d bytes_sent=%d bytes_received=%d packets_sent=%d packets_received=%d last_seen=%s"
        .formatted(
            flows, deniedFlows, bytesSent, bytesReceived, packetsSent, packetsReceived, lastSeen);
  }

  static DeviceCounts decode(String line) {
    Map<String, String> fields = new HashMap<>();
    for (String pair : line.trim().split(" ")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        fields.put(pair.substring(0, eq), pair.substring(eq + 1));
      }
    }
    try {
      return new DeviceCounts(
          Long.parseLong(fields.getOrDefault("flows", "0")),
          Long.parseLong(fields.getOrDefault("denied", "0")),
          Long.parseLong(fields.getOrDefault("bytes_sent", "0")),
          Long.parseLong(fields.getOrDefault("bytes_received", "0")),
          Long.parseLong(fields.getOrDefault("packets_sent", "0")),
          Long.parseLong(fields.getOrDefault("packets_received", "0")),
          Instant.parse(fields.getOrDefault("last_seen", Instant.EPOCH.toString())));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("stored device counters are malformed: " + line, e);
    }
  }
}
