package dev.cordon.gateway.telemetry;

import dev.cordon.gateway.enforce.DropReason;
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
    b.append("# HELP cordon_gateway_drops_total Packets dropped, by reason.\n");
    b.append("# TYPE cordon_gateway_drops_total counter\n");
    for (Map.Entry<DropReason, Long> e : s.drops().entrySet()) {
      b.append("cordon_gateway_drops_total{reason=\"")
          .append(e.getKey().name().toLowerCase(Locale.ROOT))
          .append("\"} ")
          .append(e.getValue())
          .append('\n');
    }
    return b.toString();
  }

  private static void gauge(StringBuilder b, String name, String help, long value) {
    b.append("# HELP ").append(name).append(' ').append(help).append('\n');
    b.append("# TYPE ").append(name).append(" gauge\n");
    b.append(name).append(' ').append(value).append('\n');
  }
}
