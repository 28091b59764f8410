package dev.cordon.client.agent;

import dev.cordon.client.cli.Table;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How {@code cordon status} shows the running agent: a few key/value facts, a peers table, and the
 * same as JSON-ready maps. Ages are measured against the caller's clock.
 */
public final class AgentStatusView {

  /** Older than this, the status file is reported as stale: the agent may be stuck. */
  static final Duration STALE = Duration.ofSeconds(10);

  private AgentStatusView() {}

  /** The facts, keyed like the rest of {@code status} (snake_case), for people and JSON. */
  public static Map<String, Object> facts(AgentStatus s, Instant now) {
    Map<String, Object> facts = new LinkedHashMap<>();
    String running = "running (pid " + s.pid() + ") on " + s.interfaceName();
    if (Duration.between(s.updatedAt(), now).compareTo(STALE) > 0) {
      running += "; status not updated since " + s.updatedAt();
    }
    facts.put("agent", running);
    facts.put("controller_link", s.controller());
    facts.put("device_status", s.deviceStatus());
    facts.put("table_version", s.tableVersion());
    facts.put("policy_version", s.policyVersion());
    facts.put(
        "posture_reported",
        s.postureReportedAt() == null
            ? "never"
            : s.postureReportedAt().truncatedTo(ChronoUnit.SECONDS).toString());
    facts.put("drops", drops(s.drops()));
    return facts;
  }

  /** The peers as a table for people. */
  public static Table peers(AgentStatus s, Instant now) {
    Table table = new Table("PEER", "ENDPOINT", "HANDSHAKE", "RECEIVED", "SENT", "PREFIXES", "KEY");
    for (AgentStatus.Peer p : s.peers()) {
      table.row(
          p.name(),
          p.endpoint(),
          p.lastHandshake() == null ? "never" : ago(Duration.between(p.lastHandshake(), now)),
          bytes(p.rxBytes()),
          bytes(p.txBytes()),
          String.join(",", p.prefixes()),
          p.key());
    }
    return table;
  }

  /** Everything, for {@code --json}. */
  public static Map<String, Object> json(AgentStatus s, Instant now) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("running", true);
    json.put("pid", s.pid());
    json.put("interface", s.interfaceName());
    json.put("updated_at", s.updatedAt().toString());
    json.put("controller_link", s.controller());
    json.put("device_status", s.deviceStatus());
    json.put("table_version", s.tableVersion());
    json.put("policy_version", s.policyVersion());
    json.put(
        "posture_reported_at",
        s.postureReportedAt() == null ? null : s.postureReportedAt().toString());
    List<Object> peers = new ArrayList<>();
    for (AgentStatus.Peer p : s.peers()) {
      Map<String, Object> peer = new LinkedHashMap<>();
      peer.put("name", p.name());
      peer.put("public_key", p.key());
      peer.put("endpoint", p.endpoint());
      peer.put("last_handshake", p.lastHandshake() == null ? null : p.lastHandshake().toString());
      peer.put(
          "handshake_age_seconds",
          p.lastHandshake() == null ? null : Duration.between(p.lastHandshake(), now).toSeconds());
      peer.put("rx_bytes", p.rxBytes());
      peer.put("tx_bytes", p.txBytes());
      peer.put("prefixes", p.prefixes());
      peers.add(peer);
    }
    json.put("peers", peers);
    json.put("drops", new LinkedHashMap<>(s.drops()));
    return json;
  }

  /** "12s ago", "5m ago", "3h ago", "2d ago". */
  static String ago(Duration age) {
    long seconds = Math.max(0, age.toSeconds());
    if (seconds < 120) {
      return seconds + "s ago";
    }
    if (seconds < 7200) {
      return seconds / 60 + "m ago";
    }
    return seconds < 172_800 ? seconds / 3600 + "h ago" : seconds / 86_400 + "d ago";
  }

  /** "512 B", "1.5 KiB", "3.2 MiB", "1.0 GiB". */
  static String bytes(long n) {
    if (n < 1024) {
      return n + " B";
    }
    String[] units = {"KiB", "MiB", "GiB", "TiB"};
    double value = n;
    int unit = -1;
    while (value >= 1024 && unit < units.length - 1) {
      value /= 1024;
      unit++;
    }
    return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
  }

  private static String drops(Map<String, Long> drops) {
    if (drops.isEmpty()) {
      return "none";
    }
    List<String> parts = new ArrayList<>();
    drops.forEach((reason, count) -> parts.add(reason + "=" + count));
    return String.join(", ", parts);
  }
}
