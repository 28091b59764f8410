package dev.cordon.controller.api;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * The controller's counters, exposed in Prometheus text format: RPCs by method and status, denials
 * by reason, enrollments. Label values are method names, status codes and enum reasons only, so
 * nothing a caller sends can create new series or reach the output.
 */
public final class RpcMetrics {

  private final Map<String, LongAdder> rpcs = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> denials = new ConcurrentHashMap<>();
  private final LongAdder enrollments = new LongAdder();
  private final List<Supplier<String>> included = new CopyOnWriteArrayList<>();

  /** Adds another part's families (already in exposition format) to {@link #exposition()}. */
  public void include(Supplier<String> families) {
    included.add(families);
  }

  public void rpc(String method, String code) {
    rpcs.computeIfAbsent("method=\"" + method + "\",code=\"" + code + "\"", k -> new LongAdder())
        .increment();
  }

  public void denied(String reason) {
    denials.computeIfAbsent("reason=\"" + reason + "\"", k -> new LongAdder()).increment();
  }

  public void enrolled() {
    enrollments.increment();
  }

  public long enrollments() {
    return enrollments.sum();
  }

  public long denials(String reason) {
    LongAdder adder = denials.get("reason=\"" + reason + "\"");
    return adder == null ? 0 : adder.sum();
  }

  /** Prometheus text exposition format 0.0.4. */
  public String exposition() {
    StringBuilder out = new StringBuilder();
    out.append("# HELP cordon_controller_enrollments_total Principals enrolled.\n")
        .append("# TYPE cordon_controller_enrollments_total counter\n")
        .append("cordon_controller_enrollments_total ")
        .append(enrollments.sum())
        .append('\n');
    family(
        out,
        "cordon_controller_denials_total",
        "Calls and enrollments refused, by reason.",
        denials);
    family(out, "cordon_controller_rpcs_total", "RPCs completed, by method and status.", rpcs);
    included.forEach(families -> out.append(families.get()));
    return out.toString();
  }

  private static void family(
      StringBuilder out, String name, String help, Map<String, LongAdder> series) {
    out.append("# HELP ")
        .append(name)
        .append(' ')
        .append(help)
        .append('\n')
        .append("# TYPE ")
        .append(name)
        .append(" counter\n");
    new TreeMap<>(series)
        .forEach(
            (labels, value) ->
                out.append(name)
                    .append('{')
                    .append(labels)
                    .append("} ")
                    .append(value.sum())
                    .append('\n'));
  }
}
