package dev.cordon.lab.bench;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/** docs/benchmarks.md: the ratio table, the raw numbers, how they were measured, shortfalls. */
final class BenchReport {
  static final String WG = "wireguard-go";
  static final String CORDON = "Cordon";

  private BenchReport() {}

  static String render(Results results, int rounds, int seconds, String command) {
    var out = new StringBuilder();
    out.append("# Benchmarks: Cordon's data plane against wireguard-go\n\n")
        .append(
            "<!-- Written by dev.cordon.lab.bench.Bench; change the code, not this file. -->\n\n")
        .append("Reproduce, as root, on the machine being measured (builds first, takes about 6")
        .append(" minutes):\n\n    ")
        .append(Bench.REPRODUCE)
        .append("\n\nwhich runs, after `make build`:\n\n    ")
        .append(command)
        .append("\n\n")
        .append(environment(rounds, seconds))
        .append("\n## Ratios\n\n")
        .append("Median of ")
        .append(rounds)
        .append(" runs per pair. The ratio is Cordon / wireguard-go; the goal column is what")
        .append(" issue 3 asks of it.\n\n")
        .append("| benchmark | unit | wireguard-go | Cordon | Cordon / wireguard-go | goal |\n")
        .append("|---|---|---:|---:|---:|---|\n");
    for (var m : results.metrics()) {
      double wg = m.median(WG);
      double cordon = m.median(CORDON);
      out.append("| ")
          .append(m.name())
          .append(" | ")
          .append(m.unit())
          .append(" | ")
          .append(number(wg))
          .append(" | ")
          .append(number(cordon))
          .append(" | ")
          .append(ratio(cordon, wg))
          .append(" | ")
          .append(m.goal())
          .append(" |\n");
    }
    out.append("\n## Raw numbers\n\n| benchmark | pair | runs, in order |\n|---|---|---|\n");
    for (var m : results.metrics()) {
      for (var e : m.runs().entrySet()) {
        out.append("| ")
            .append(m.name())
            .append(" | ")
            .append(e.getKey())
            .append(" | ")
            .append(
                e.getValue().stream().map(BenchReport::number).collect(Collectors.joining(", ")))
            .append(" |\n");
      }
    }
    out.append(method(seconds));
    out.append("\n## Shortfalls and notes\n\n");
    var shortfalls = shortfalls(results);
    shortfalls.forEach(n -> out.append("- ").append(n).append('\n'));
    if (results.notes().isEmpty() && shortfalls.isEmpty()) {
      out.append("- None recorded by this run.\n");
    }
    results.notes().forEach(n -> out.append("- ").append(n).append('\n'));
    return out.toString();
  }

  /** Every goal of the form "<= 1.2x", ">= 1.0x" or ">= 2000/s" that the medians miss. */
  static List<String> shortfalls(Results results) {
    var out = new java.util.ArrayList<String>();
    var goal = java.util.regex.Pattern.compile("([<>])= ([0-9.]+)(x|/s)");
    for (var m : results.metrics()) {
      var g = goal.matcher(m.goal());
      double cordon = m.median(CORDON);
      if (!g.find() || Double.isNaN(cordon)) {
        continue;
      }
      double value = g.group(3).equals("x") ? cordon / m.median(WG) : cordon;
      double bound = Double.parseDouble(g.group(2));
      boolean met = g.group(1).equals("<") ? value <= bound : value >= bound;
      if (!met) {
        out.add(
            "Short of the goal: "
                + m.name()
                + " is "
                + number(value)
                + g.group(3)
                + " (goal "
                + m.goal()
                + ").");
      }
    }
    return out;
  }

  private static String method(int seconds) {
    return """

        ## How each number is measured

        One lab (network namespaces on one bridge, underlay 192.0.2.0/24): namespaces wa and wb \
        hold a wireguard-go pair, ca and cb a Cordon pair (TunnelMain), overlay 100.64.0.1 (a) \
        and 100.64.0.2 (b), MTU 1420. Each benchmark runs on the wireguard-go pair, then on the \
        Cordon pair, and repeats; both pairs stay up throughout, idle when not measured.

        - **Bulk TCP**: iperf3, %1$d s, 1 and 4 streams, a->b and b->a (`-R`); the receiver's \
        rate. CPU per GB: utime+stime of both tunnel processes (`/proc/<pid>/stat`) over the \
        run, divided by the bytes received.
        - **Small packets**: iperf3 UDP, `-l 64` and `-l 1380`, %1$d s, at a capped offered \
        rate; datagrams received per second (sent minus lost).
        - **Latency added**: after an unmeasured warm-up flood ping (`ping -f`, 5000 or 10 s), \
        300 pings 10 ms apart through the tunnel, p50 and p99 of the per-packet times, minus \
        those of the same pings over the bare veth path; under load while one iperf3 TCP stream runs through the \
        same tunnel. Context switches per ping: the voluntary context switches of all threads \
        of both tunnel processes (`/proc/<pid>/task/*/status`) during the 300 pings, divided \
        by the replies: how many times a ping's packets put a thread to sleep and woke it, \
        a count that does not depend on the machine's load.
        - **Handshakes**: b's tunnel pinned to CPU 1 (`taskset -a`), a flooder on CPU 0 sends \
        valid initiations from 256 peers b knows, at most 64 outstanding (so the responder \
        never enters cookie mode), at most 20,000 or 8 s; handshake responses per second.
        """
        .formatted(seconds);
  }

  private static String environment(int rounds, int seconds) {
    String when =
        OffsetDateTime.now(ZoneOffset.UTC)
            .format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'"));
    return "Run "
        + when
        + " at commit "
        + command("git", "rev-parse", "--short", "HEAD")
        + "; "
        + Runtime.getRuntime().availableProcessors()
        + " CPUs ("
        + cpuModel()
        + "), Linux "
        + command("uname", "-r")
        + ", Java "
        + Runtime.version()
        + ", "
        + java.util.Arrays.stream(command("wireguard-go", "--version").split("\\s+"))
            .limit(2)
            .collect(Collectors.joining(" "))
        + ", "
        + command("iperf3", "--version").lines().findFirst().orElse("iperf3 ?")
        + "; "
        + rounds
        + " rounds, "
        + seconds
        + " s per iperf3 run.\n";
  }

  private static String cpuModel() {
    try {
      return java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/cpuinfo")).stream()
          .filter(l -> l.startsWith("model name"))
          .map(l -> l.substring(l.indexOf(':') + 1).strip())
          .findFirst()
          .orElse("unknown model");
    } catch (java.io.IOException e) {
      return "unknown model";
    }
  }

  /** A read-only host command's first output, or "?" when it is not there. */
  private static String command(String... argv) {
    try {
      var p = new ProcessBuilder(List.of(argv)).redirectErrorStream(true).start();
      p.getOutputStream().close();
      if (!p.waitFor(10, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return "?";
      }
      return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    } catch (java.io.IOException e) {
      return "?";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "?";
    }
  }

  static String number(double v) {
    if (Double.isNaN(v)) {
      return "n/a";
    }
    double a = Math.abs(v);
    return String.format(Locale.ROOT, a >= 100 ? "%.0f" : a >= 1 ? "%.2f" : "%.3f", v);
  }

  static String ratio(double cordon, double wg) {
    if (Double.isNaN(cordon) || Double.isNaN(wg) || wg == 0) {
      return "n/a";
    }
    return String.format(Locale.ROOT, "%.2fx", cordon / wg);
  }
}
