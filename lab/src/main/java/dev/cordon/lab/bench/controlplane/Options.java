package dev.cordon.lab.bench.controlplane;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** The bench's command line: {@code --name value} pairs, each with a default. */
record Options(
    int devices,
    int etcdDevices,
    int gateways,
    int changes,
    int workers,
    int deadlineSeconds,
    int warmUpRounds,
    boolean etcd,
    Path jmh,
    Path footprint,
    Path markdown) {

  static final String USAGE =
      "ControlPlaneBench [--devices 10000] [--etcd-devices 2000] [--gateways 10] [--changes 200]"
          + " [--workers 16] [--deadline-seconds 300] [--warm-up-rounds 15] [--no-etcd] [--jmh FILE]"
          + " [--footprint FILE] [--markdown docs/benchmarks-control-plane.md]";

  static Options parse(String... argv) {
    Map<String, String> v = new HashMap<>();
    for (int i = 0; i < argv.length; i++) {
      String name = argv[i];
      if (name.equals("--no-etcd")) {
        v.put(name, "true");
      } else if (name.startsWith("--") && i + 1 < argv.length) {
        v.put(name, argv[++i]);
      } else {
        throw new IllegalArgumentException("unexpected '" + name + "'; usage: " + USAGE);
      }
    }
    Options o =
        new Options(
            number(v, "--devices", 10_000),
            number(v, "--etcd-devices", 2_000),
            number(v, "--gateways", 10),
            number(v, "--changes", 200),
            number(v, "--workers", 16),
            number(v, "--deadline-seconds", 300),
            number(v, "--warm-up-rounds", 15),
            !v.containsKey("--no-etcd"),
            path(v, "--jmh"),
            path(v, "--footprint"),
            Path.of(v.getOrDefault("--markdown", "docs/benchmarks-control-plane.md")));
    v.keySet()
        .removeAll(
            java.util.Set.of(
                "--devices",
                "--etcd-devices",
                "--gateways",
                "--changes",
                "--workers",
                "--deadline-seconds",
                "--warm-up-rounds",
                "--no-etcd",
                "--jmh",
                "--footprint",
                "--markdown"));
    if (!v.isEmpty()) throw new IllegalArgumentException("unknown " + v.keySet() + "; " + USAGE);
    if (o.devices < 100 || o.etcdDevices < 100) {
      throw new IllegalArgumentException("at least 100 devices, so the warm-up leaves a timed run");
    }
    if (o.gateways < 1 || o.changes < 1 || o.workers < 1 || o.deadlineSeconds < 10) {
      throw new IllegalArgumentException("gateways, changes, workers >= 1; deadline >= 10 s");
    }
    if (o.warmUpRounds < 0 || o.warmUpRounds > 60) {
      throw new IllegalArgumentException("--warm-up-rounds from 0 (none) to 60");
    }
    return o;
  }

  private static int number(Map<String, String> v, String name, int fallback) {
    String s = v.get(name);
    try {
      return s == null ? fallback : Integer.parseInt(s);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " needs a whole number, not '" + s + "'");
    }
  }

  private static Path path(Map<String, String> v, String name) {
    String s = v.get(name);
    return s == null ? null : Path.of(s);
  }
}
