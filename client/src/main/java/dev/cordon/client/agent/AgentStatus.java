package dev.cordon.client.agent;

import dev.cordon.client.identity.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the running agent tells {@code cordon status}, through {@code agent.status} in the state
 * directory, rewritten atomically every second. Lines of {@code key=value}; each peer is one line
 * of space-separated {@code key=value} pairs (no value holds a space), each drop reason one line:
 *
 * <pre>
 * pid=4242
 * updated_at=2025-06-01T10:00:00Z
 * interface=cordon0
 * device_id=d-1
 * identity=spiffe://cordon.test/device/d-1
 * certificate_expires=2025-06-02T10:00:00Z
 * controller=connected
 * device_status=active
 * table_version=7
 * policy_version=3
 * posture_reported_at=2025-06-01T09:58:00Z
 * peer=KEY name=gw-1 endpoint=192.0.2.1:51820 handshake=2025-06-01T09:59:50Z rx_bytes=1 tx_bytes=2 prefixes=10.0.0.0/24
 * drop=no_matching_rule count=3
 * </pre>
 *
 * Unknown times and endpoints are written "-".
 */
public record AgentStatus(
    long pid,
    Instant updatedAt,
    String interfaceName,
    String deviceId,
    String identity,
    Instant certificateExpires,
    String controller,
    String deviceStatus,
    long tableVersion,
    long policyVersion,
    Instant postureReportedAt,
    List<Peer> peers,
    Map<String, Long> drops) {

  public static final String FILE = "agent.status";
  private static final String NONE = "-";

  public AgentStatus {
    peers = List.copyOf(peers);
    drops = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(drops));
  }

  /** One peer's line. */
  public record Peer(
      String key,
      String name,
      String endpoint,
      Instant lastHandshake,
      long rxBytes,
      long txBytes,
      List<String> prefixes) {
    public Peer {
      prefixes = List.copyOf(prefixes);
    }
  }

  public void write(Path file) throws IOException {
    AtomicFiles.write(file, render().getBytes(StandardCharsets.UTF_8), AtomicFiles.PUBLIC);
  }

  public static AgentStatus read(Path file) throws IOException {
    return parse(Files.readString(file, StandardCharsets.UTF_8), file);
  }

  String render() {
    StringBuilder s = new StringBuilder("# Written by cordon up every second. Do not edit.\n");
    line(s, "pid", Long.toString(pid));
    line(s, "updated_at", time(updatedAt));
    line(s, "interface", interfaceName);
    line(s, "device_id", deviceId);
    line(s, "identity", identity);
    line(s, "certificate_expires", time(certificateExpires));
    line(s, "controller", controller);
    line(s, "device_status", deviceStatus);
    line(s, "table_version", Long.toString(tableVersion));
    line(s, "policy_version", Long.toString(policyVersion));
    line(s, "posture_reported_at", time(postureReportedAt));
    for (Peer p : peers) {
      s.append("peer=").append(p.key());
      s.append(" name=").append(word(p.name()));
      s.append(" endpoint=").append(word(p.endpoint()));
      s.append(" handshake=").append(time(p.lastHandshake()));
      s.append(" rx_bytes=").append(p.rxBytes());
      s.append(" tx_bytes=").append(p.txBytes());
      s.append(" prefixes=").append(p.prefixes().isEmpty() ? NONE : String.join(",", p.prefixes()));
      s.append('\n');
    }
    drops.forEach(
        (reason, count) ->
            s.append("drop=").append(reason).append(" count=").append(count).append('\n'));
    return s.toString();
  }

  static AgentStatus parse(String text, Path source) throws IOException {
    Map<String, String> values = new LinkedHashMap<>();
    List<Peer> peers = new ArrayList<>();
    Map<String, Long> drops = new LinkedHashMap<>();
    String[] lines = text.split("\n");
    try {
      for (String line : lines) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        if (line.startsWith("peer=")) {
          peers.add(peer(pairs(line)));
        } else if (line.startsWith("drop=")) {
          Map<String, String> d = pairs(line);
          drops.put(d.get("drop"), Long.parseLong(required(d, "count")));
        } else {
          int equals = line.indexOf('=');
          if (equals < 0) {
            throw new IllegalArgumentException("not key=value: " + line);
          }
          values.put(line.substring(0, equals), line.substring(equals + 1));
        }
      }
      return new AgentStatus(
          Long.parseLong(required(values, "pid")),
          instant(required(values, "updated_at")),
          required(values, "interface"),
          required(values, "device_id"),
          required(values, "identity"),
          instant(required(values, "certificate_expires")),
          required(values, "controller"),
          required(values, "device_status"),
          Long.parseLong(required(values, "table_version")),
          Long.parseLong(required(values, "policy_version")),
          instant(required(values, "posture_reported_at")),
          peers,
          drops);
    } catch (IllegalArgumentException | DateTimeParseException e) {
      throw new IOException(source + " is damaged: " + e.getMessage(), e);
    }
  }

  private static Peer peer(Map<String, String> p) {
    String prefixes = required(p, "prefixes");
    return new Peer(
        p.get("peer"),
        none(required(p, "name")),
        none(required(p, "endpoint")),
        instant(required(p, "handshake")),
        Long.parseLong(required(p, "rx_bytes")),
        Long.parseLong(required(p, "tx_bytes")),
        prefixes.equals(NONE) ? List.of() : List.of(prefixes.split(",")));
  }

  private static Map<String, String> pairs(String line) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String pair : line.split(" ")) {
      int equals = pair.indexOf('=');
      if (equals < 0) {
        throw new IllegalArgumentException("not key=value: " + pair);
      }
      out.put(pair.substring(0, equals), pair.substring(equals + 1));
    }
    return out;
  }

  private static String required(Map<String, String> values, String key) {
    String value = values.get(key);
    if (value == null) {
      throw new IllegalArgumentException("missing " + key);
    }
    return value;
  }

  private static void line(StringBuilder s, String key, String value) {
    s.append(key).append('=').append(value.replace('\n', ' ')).append('\n');
  }

  private static String word(String value) {
    return value == null || value.isEmpty() ? NONE : value.replace(' ', '_');
  }

  private static String none(String value) {
    return value.equals(NONE) ? null : value;
  }

  private static String time(Instant instant) {
    return instant == null ? NONE : instant.toString();
  }

  private static Instant instant(String text) {
    return text.equals(NONE) ? null : Instant.parse(text);
  }
}
