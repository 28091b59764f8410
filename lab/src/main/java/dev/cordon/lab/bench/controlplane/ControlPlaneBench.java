package dev.cordon.lab.bench.controlplane;

import dev.cordon.lab.EtcdCluster;
import dev.cordon.proto.v1.EnrollResponse;
import dev.cordon.proto.v1.PrincipalKind;
import io.grpc.ManagedChannel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

/**
 * Runs the control-plane benchmarks against real controllers on loopback (embedded store, then a
 * three-member etcd) and writes docs/benchmarks-control-plane.md, pasting in the JMH and footprint
 * output given with {@code --jmh} and {@code --footprint}. Every phase is bounded by count and by
 * time; everything it starts (controllers, etcd, temp directories) is stopped and removed.
 */
public final class ControlPlaneBench {
  private static final long CHANGE_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(30);

  /** Untimed policy changes before the timed ones. */
  static final int CHANGE_WARM_UP = 10;

  /** Devices per JIT warm-up round: about a second of enrolling, after a few of making tokens. */
  private static final int WARM_UP_ROUND = 1_000;

  private ControlPlaneBench() {}

  public static void main(String[] argv) throws Exception {
    Options o;
    try {
      o = Options.parse(argv);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    String machine = machine();
    Enroller.Run sqlite = null, etcd = null;
    WatchRun watch = null;
    List<JitWarmUp.Round> warmUp = List.of();
    Path root = Files.createTempDirectory("cordon-controlplane-bench");
    try {
      if (o.warmUpRounds() > 0) {
        say("JIT warm-up on a throwaway controller (untimed)");
        warmUp =
            JitWarmUp.run(
                root.resolve("warm-up"),
                WARM_UP_ROUND,
                o.warmUpRounds(),
                (c, n) -> enrollDevices(c, n, o),
                ControlPlaneBench::say);
      }
      try (RunningController c = RunningController.start(root.resolve("sqlite"), "sqlite")) {
        say("embedded store: controller at " + c.target());
        List<GatewayWatcher> watchers = new ArrayList<>();
        try {
          List<Enrolled> gateways = setUp(c, o.gateways());
          sqlite = enrollDevices(c, o.devices(), o);
          say(line("embedded store", sqlite));
          for (int g = 0; g < gateways.size(); g++) {
            Enrolled e = gateways.get(g);
            watchers.add(
                GatewayWatcher.connect(
                    FleetPolicy.gatewayName(g),
                    c.target(),
                    e.candidate,
                    e.response,
                    root.resolve("credentials").resolve(FleetPolicy.gatewayName(g))));
          }
          watch = changes(c, watchers, o);
          say(
              "acknowledgements: p50 "
                  + Percentiles.millis(watch.latency().p50())
                  + ", p99 "
                  + Percentiles.millis(watch.latency().p99()));
        } finally {
          for (GatewayWatcher w : watchers) w.close();
        }
      }
      if (o.etcd()) {
        try (EtcdCluster cluster = EtcdCluster.start(root.resolve("etcd"), 3)) {
          String store =
              "etcd://"
                  + String.join(
                      ",",
                      cluster.clientEndpoints().stream()
                          .map(u -> u.replace("http://", ""))
                          .toList());
          try (RunningController c = RunningController.start(root.resolve("on-etcd"), store)) {
            say("3-member etcd: controller at " + c.target());
            setUp(c, 0);
            etcd = enrollDevices(c, o.etcdDevices(), o);
            say(line("3-member etcd", etcd));
          }
        }
      }
    } finally {
      deleteTree(root);
    }
    String jmh = o.jmh() == null ? "" : Files.readString(o.jmh());
    String footprint =
        o.footprint() == null
            ? null
            : Files.readAllLines(o.footprint()).stream()
                .filter(l -> l.startsWith("footprint:"))
                .reduce((a, b) -> b)
                .orElse(null);
    String md =
        Report.render(
            new Report.Inputs(
                o, warmUp, sqlite, etcd, watch, JmhSummary.parse(jmh), footprint, machine));
    Path parent = o.markdown().toAbsolutePath().getParent();
    if (parent != null) Files.createDirectories(parent);
    Files.writeString(o.markdown(), md);
    say("wrote " + o.markdown());
  }

  private record Enrolled(Candidate candidate, EnrollResponse response) {}

  /** Applies revision 0 of the policy and enrolls the gateways (untimed). */
  private static List<Enrolled> setUp(RunningController c, int gateways) throws Exception {
    c.applyPolicy(FleetPolicy.yaml(Math.max(1, gateways), 0));
    SecureRandom random = new SecureRandom();
    List<Enrolled> out = new ArrayList<>();
    for (int g = 0; g < gateways; g++) {
      String token =
          c.createToken(PrincipalKind.PRINCIPAL_KIND_GATEWAY, FleetPolicy.gatewayName(g), Map.of());
      Candidate cand = Candidate.make(token, random);
      ManagedChannel ch = Enroller.channel(token);
      try {
        out.add(new Enrolled(cand, Enroller.enroll(ch, cand)));
      } finally {
        ch.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      }
    }
    return out;
  }

  /** Makes tokens and keys for {@code n} devices (untimed), then times their enrollment. */
  private static Enroller.Run enrollDevices(RunningController c, int n, Options o)
      throws Exception {
    say("making " + n + " tokens, keys and CSRs (untimed)");
    ExecutorService pool = Executors.newFixedThreadPool(4);
    List<Future<Candidate>> futures = new ArrayList<>();
    try {
      SecureRandom random = new SecureRandom();
      for (int i = 0; i < n; i++) {
        Map<String, String> labels = Map.of("group", FleetPolicy.groupOf(i));
        futures.add(
            pool.submit(
                () ->
                    Candidate.make(
                        c.createToken(PrincipalKind.PRINCIPAL_KIND_DEVICE, "", labels), random)));
      }
      List<Candidate> all = new ArrayList<>(n);
      for (Future<Candidate> f : futures) all.add(f.get(o.deadlineSeconds(), TimeUnit.SECONDS));
      say("enrolling " + n + " devices with " + o.workers() + " clients");
      return Enroller.run(all, Math.max(50, n / 20), o.workers(), o.deadlineSeconds());
    } finally {
      pool.shutdownNow();
    }
  }

  /** Applies {@code changes} revisions, timing each from the call to the last gateway's ack. */
  private static WatchRun changes(RunningController c, List<GatewayWatcher> watchers, Options o)
      throws Exception {
    long current = c.policyVersion();
    // The snapshot is acknowledged first; waits until every gateway is in sync.
    if (awaitAll(watchers, current, System.nanoTime()) < 0) {
      throw new IllegalStateException("gateways did not acknowledge their first table in 30 s");
    }
    // Untimed changes first: ApplyPolicy, the feed and the gateways' applies get compiled, as
    // enrollment was by the warm-up (the first change otherwise paid for the JIT).
    for (int i = 1; i <= CHANGE_WARM_UP; i++) {
      long v = c.applyPolicy(FleetPolicy.yaml(o.gateways(), i)).getVersion();
      if (awaitAll(watchers, v, System.nanoTime()) < 0) {
        throw new IllegalStateException("gateways did not acknowledge a warm-up change in 30 s");
      }
    }
    long[] latencies = new long[o.changes()];
    long[] applies = new long[o.changes()];
    long[] receipts = new long[o.changes()];
    int done = 0, timedOut = 0;
    long stopAt = System.nanoTime() + TimeUnit.SECONDS.toNanos(o.deadlineSeconds());
    for (int i = 1; i <= o.changes() && System.nanoTime() < stopAt; i++) {
      long t0 = System.nanoTime();
      long v = c.applyPolicy(FleetPolicy.yaml(o.gateways(), CHANGE_WARM_UP + i)).getVersion();
      long applied = System.nanoTime() - t0;
      long last = awaitAll(watchers, v, t0);
      if (last < 0) {
        timedOut++;
      } else {
        applies[done] = applied;
        receipts[done] = lastReceipt(watchers, v) - t0;
        latencies[done++] = last - t0;
      }
      Thread.sleep(20); // lets the store and the feed go quiet between changes
    }
    for (GatewayWatcher w : watchers) {
      if (w.failure() != null) throw new IllegalStateException(w.name() + ": " + w.failure());
    }
    if (done == 0) throw new IllegalStateException("no change was acknowledged by every gateway");
    return new WatchRun(
        watchers.size(),
        o.devices(),
        done + timedOut,
        timedOut,
        Percentiles.of(java.util.Arrays.copyOf(latencies, done)),
        Percentiles.of(java.util.Arrays.copyOf(applies, done)),
        Percentiles.of(java.util.Arrays.copyOf(receipts, done)));
  }

  /** When the last gateway's ack of {@code policy} was confirmed, or -1 after 30 s. */
  private static long awaitAll(List<GatewayWatcher> watchers, long policy, long since) {
    long deadline = since + CHANGE_TIMEOUT_NANOS;
    while (System.nanoTime() < deadline) {
      long last = 0;
      boolean all = true;
      for (GatewayWatcher w : watchers) {
        Long at = w.ackedAtOrAfter(policy);
        if (at == null) {
          all = false;
          break;
        }
        last = Math.max(last, at);
      }
      if (all) return last;
      LockSupport.parkNanos(100_000);
    }
    return -1;
  }

  /** When the last gateway received {@code policy} (each has, once all acknowledged it). */
  private static long lastReceipt(List<GatewayWatcher> watchers, long policy) {
    long last = 0;
    for (GatewayWatcher w : watchers) {
      Long at = w.receivedAtOrAfter(policy);
      if (at != null) last = Math.max(last, at);
    }
    return last;
  }

  private static String line(String store, Enroller.Run r) {
    return String.format(
        java.util.Locale.ROOT,
        "%s: %d enrolled (%d failed) in %.2f s = %.0f/s; compiling took %.0f%% of the run",
        store,
        r.enrolled(),
        r.failed(),
        r.seconds(),
        r.perSecond(),
        100 * r.compileShare());
  }

  private static String machine() {
    String load = "";
    try {
      load = Files.readString(Path.of("/proc/loadavg")).trim();
    } catch (IOException e) {
      load = "unknown";
    }
    return String.format(
        "%d CPUs visible to the JVM, Java %s, load average at start %s, %s",
        Runtime.getRuntime().availableProcessors(),
        Runtime.version(),
        load,
        Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) return;
    try (Stream<Path> all = Files.walk(root)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
    }
  }

  private static void say(String s) {
    System.out.println("[controlplane] " + s);
  }
}
