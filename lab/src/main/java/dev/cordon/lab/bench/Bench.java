package dev.cordon.lab.bench;

import dev.cordon.lab.Lab;
import dev.cordon.lab.Namespace;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * {@code make bench-tunnel}: a wireguard-go pair and a Cordon pair in one lab, each benchmark run
 * on both pairs alternately, {@code --rounds} times (3), the medians compared as
 * Cordon/wireguard-go ratios. Prints Markdown; {@code --markdown FILE} also writes it there. Needs
 * root.
 *
 * <p>Options: {@code --rounds N} (1-5), {@code --seconds S} per iperf3 run (1-30, default 5),
 * {@code --pairs both|wireguard-go|cordon}, {@code --flood-peers N} (default 256), {@code --only
 * LIST} (comma-separated groups among {@link #GROUPS}; default all, which is what {@code make
 * bench-tunnel} runs).
 */
public final class Bench {
  static final String REPRODUCE = "sudo make bench-tunnel";
  static final String MAIN =
      "java -cp 'lab/target/classes:dist/target/cordon/cordon/lib/*'"
          + " -Dcordon.dist.dir=dist/target/cordon/cordon dev.cordon.lab.bench.Bench"
          + " --markdown docs/benchmarks.md";

  /** The benchmark groups {@code --only} selects from, in the order they run. */
  static final List<String> GROUPS =
      List.of("tcp", "small-packets", "latency-idle", "latency-load", "handshakes");

  private final Results results = new Results();
  private final int rounds;
  private final Measurements measure;
  private final List<TunnelPair> pairs;
  private final Set<String> only;

  private Bench(int rounds, Measurements measure, List<TunnelPair> pairs, Set<String> only) {
    this.rounds = rounds;
    this.measure = measure;
    this.pairs = pairs;
    this.only = only;
  }

  /**
   * The groups {@code --only} names ("latency" stands for both latency groups); all when absent.
   *
   * @throws IllegalArgumentException for a name that is no group, so a typo never runs nothing
   */
  static Set<String> groups(String onlyOrNull) {
    if (onlyOrNull == null) {
      return Set.copyOf(GROUPS);
    }
    var chosen = new HashSet<String>();
    for (String name : onlyOrNull.split(",")) {
      String group = name.strip();
      if (group.equals("latency")) {
        chosen.add("latency-idle");
        chosen.add("latency-load");
      } else if (GROUPS.contains(group)) {
        chosen.add(group);
      } else {
        throw new IllegalArgumentException(
            "--only: unknown group '" + group + "'; known: latency, " + String.join(", ", GROUPS));
      }
    }
    return Set.copyOf(chosen);
  }

  public static void main(String[] argv) throws IOException {
    var args = Args.parse(argv);
    int rounds = (int) Math.clamp(args.number("--rounds", 3), 1, 5);
    int seconds = (int) Math.clamp(args.number("--seconds", 5), 1, 30);
    String which = args.text("--pairs", "both");
    int floodPeers = (int) Math.clamp(args.number("--flood-peers", 256), 1, 4096);
    Set<String> only = groups(args.values().get("--only"));
    var notes = new ArrayList<String>();
    String markdown;
    try (Lab lab = Lab.open("bench")) {
      Thread closer = new Thread(lab::close);
      Runtime.getRuntime().addShutdownHook(closer); // Ctrl-C still removes the lab
      var flood = new ArrayList<Keys>();
      for (int i = 0; i < floodPeers; i++) {
        flood.add(Keys.generate());
      }
      Path keys =
          CordonTunnel.writeSecret(
              lab.runDirectory().resolve("flood.keys"),
              flood.stream().map(k -> k.privateBase64() + "\n").collect(Collectors.joining()));
      var lan = lab.bridge("lan");
      var pairs = new ArrayList<TunnelPair>();
      if (!which.equals("cordon")) {
        pairs.add(
            TunnelPair.wireguardGo(lab, host(lab, lan, "wa", 1), host(lab, lan, "wb", 2), flood));
      }
      if (!which.equals("wireguard-go")) {
        try {
          pairs.add(
              TunnelPair.cordon(lab, host(lab, lan, "ca", 3), host(lab, lan, "cb", 4), flood));
        } catch (RuntimeException e) {
          notes.add("Cordon pair not measured: it did not start (" + firstLine(e) + ").");
          System.err.println(lab.report());
        }
      }
      var bench = new Bench(rounds, new Measurements(seconds, keys), pairs, only);
      notes.forEach(bench.results::note);
      bench.runAll();
      markdown = BenchReport.render(bench.results, rounds, seconds, MAIN);
      Runtime.getRuntime().removeShutdownHook(closer);
    }
    System.out.println(markdown);
    if (args.values().containsKey("--markdown")) {
      Files.writeString(Path.of(args.text("--markdown")), markdown, StandardCharsets.UTF_8);
    }
  }

  private static Namespace host(Lab lab, dev.cordon.lab.Bridge lan, String role, int index) {
    var ns = lab.namespace(role);
    ns.connect(lan, lab.underlayCidr(index));
    return ns;
  }

  private void runAll() {
    String tcpGoal = ">= 1.0x (aim 1.5x)";
    for (int streams : only.contains("tcp") ? new int[] {1, 4} : new int[0]) {
      for (boolean reverse : new boolean[] {false, true}) {
        String what =
            "TCP "
                + streams
                + (streams == 1 ? " stream " : " streams ")
                + (reverse ? "b->a" : "a->b");
        each(
            p -> measure.bulkTcp(p, streams, reverse),
            List.of(
                new Row("mbps", what + " throughput", "Mbit/s", tcpGoal),
                new Row("cpuPerGb", what + " tunnel CPU per GB", "CPU s/GB", "<= 1.0x")));
      }
    }
    if (only.contains("small-packets")) {
      each(
          p -> Map.of("pps", measure.smallPackets(p, 64, "300M")),
          List.of(
              new Row("pps", "UDP 64-byte packets (offered 300 Mbit/s)", "packets/s", "higher")));
      each(
          p -> Map.of("pps", measure.smallPackets(p, 1380, "2G")),
          List.of(
              new Row("pps", "UDP 1380-byte packets (offered 2 Gbit/s)", "packets/s", "higher")));
    }
    for (boolean load : new boolean[] {false, true}) {
      if (!only.contains(load ? "latency-load" : "latency-idle")) {
        continue;
      }
      String when = load ? "under load" : "idle";
      each(
          p -> measure.latencyAdded(p, load),
          List.of(
              new Row("p50", "latency added p50, " + when, "ms", "lower"),
              new Row("p99", "latency added p99, " + when, "ms", "<= 1.2x"),
              new Row(
                  "switches",
                  "tunnel threads' voluntary context switches per ping, " + when,
                  "count",
                  "lower")));
    }
    if (!only.contains("handshakes")) {
      return;
    }
    each(
        p -> measure.handshakes(p),
        List.of(
            new Row(
                "rate",
                "handshakes completed by a responder on one core",
                "handshakes/s",
                ">= 2000/s"),
            new Row(
                "cookies",
                "cookie replies during the handshake run",
                "count",
                "0 (not under load)")));
  }

  /** How a measurement's named number is reported. */
  record Row(String key, String name, String unit, String goal) {}

  /** Runs {@code run} on every pair in turn, {@code rounds} times; a failure costs one value. */
  private void each(Function<TunnelPair, Map<String, Double>> run, List<Row> rows) {
    for (int r = 0; r < rounds; r++) {
      for (TunnelPair pair : pairs) {
        Map<String, Double> values;
        try {
          values = run.apply(pair);
        } catch (RuntimeException e) {
          results.note(pair.label() + ": " + rows.getFirst().name() + " failed: " + firstLine(e));
          values = Map.of();
        }
        for (Row row : rows) {
          results.add(
              row.name(),
              row.unit(),
              row.goal(),
              pair.label(),
              values.getOrDefault(row.key(), Double.NaN));
        }
        System.err.println(
            pair.label() + " round " + (r + 1) + ": " + rows.getFirst().name() + " " + values);
      }
    }
  }

  static String firstLine(Throwable e) {
    String m = String.valueOf(e.getMessage());
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }
}
