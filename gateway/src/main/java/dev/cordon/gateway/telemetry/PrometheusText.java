package dev.cordon.gateway.telemetry;

import dev.cordon.gateway.enforce.DropReason;
import dev.cordon.gateway.table.LatencyHistogram;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.Map;

/** Renders a status in the Prometheus text exposition format (version 0.0.4). */
public final class PrometheusText {
  private PrometheusText() {}

  public static String render(GatewayStatus s) {
    StringBuilder b = new StringBuilder();
    gauge(b, "cordon_gateway_table_version", "Enforced table version.", s.tableVersion());
    gauge(
        b,
        "cordon_gateway_controller_connected",
        "1 while the table watch is up.",
        s.connected() ? 1 : 0);
    gauge(b, "cordon_gateway_flows", "Tracked flows.", s.flows());
    gauge(b, "cordon_gateway_peers", "Authorized peers.", s.peers().size());
    gauge(
        b,
        "cordon_gateway_apply_p99_microseconds",
        "Update arrival to enforcement, p99.",
        s.applyP99Micros());
    histogram(b, s.enforcement());
    b.append(
        "# HELP cordon_gateway_drops_total Packets dropped, by reason and layer (enforcement:"
            + " the enforcer's verdicts; tunnel: WireGuard's own, e.g. handshake_refused).\n");
    b.append("# TYPE cordon_gateway_drops_total counter\n");
    for (Map.Entry<DropReason, Long> e : s.drops().entrySet()) {
      drop(b, e.getKey().name().toLowerCase(Locale.ROOT), "enforcement", e.getValue());
    }
    s.tunnelDrops().forEach((reason, n) -> drop(b, reason, "tunnel", n));
    return b.toString();
  }

  /** Buckets 1 µs to 2^26 µs (about 67 s), doubling: the applier's own power-of-two buckets. */
  static final int LAST_BUCKET = 26;

  private static void histogram(StringBuilder b, LatencyHistogram.Snapshot h) {
    String name = "cordon_gateway_enforcement_seconds";
    b.append("# HELP ")
        .append(name)
        .append(
            " Table update arrival to enforcement (sessions destroyed, flows cut), per applied"
                + " update.\n");
    b.append("# TYPE ").append(name).append(" histogram\n");
    for (int i = 0; i <= LAST_BUCKET; i++) {
      b.append(name)
          .append("_bucket{le=\"")
          .append(BigDecimal.valueOf(1L << i, 6).stripTrailingZeros().toPlainString())
          .append("\"} ")
          .append(h.below(i))
          .append('\n');
    }
    b.append(name).append("_bucket{le=\"+Inf\"} ").append(h.count()).append('\n');
    b.append(name)
        .append("_sum ")
        .append(BigDecimal.valueOf(h.sumMicros(), 6).toPlainString())
        .append('\n');
    b.append(name).append("_count ").append(h.count()).append('\n');
  }

  private static void drop(StringBuilder b, String reason, String layer, long n) {
    b.append("cordon_gateway_drops_total{reason=\"")
        .append(reason)
        .append("\",layer=\"")
        .append(layer)
        .append("\"} ")
        .append(n)
        .append('\n');
  }

  private static void gauge(StringBuilder b, String name, String help, long value) {
    b.append("# HELP ").append(name).append(' ').append(help).append('\n');
    b.append("# TYPE ").append(name).append(" gauge\n");
    b.append(name).append(' ').append(value).append('\n');
  }
}
