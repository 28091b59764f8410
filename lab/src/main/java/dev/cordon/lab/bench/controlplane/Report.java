package dev.cordon.lab.bench.controlplane;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Renders docs/benchmarks-control-plane.md: each figure next to its target with met or not met,
 * then the raw JMH table and the command that reproduces every figure. Figures that were not run
 * say so rather than being left out.
 */
final class Report {
  static final String JMH_COMMAND =
      "./mvnw -q -Pbench -pl gateway -am package -DskipTests && java -jar"
          + " gateway/target/benchmarks.jar 'FlowDecisionBench|RecompileBench|TableUpdateBench'"
          + " -wi 2 -i 5 -f 1"
          + " -r 1s -w 1s";
  static final String FOOTPRINT_COMMAND =
      "java -Xmx2g -cp gateway/target/benchmarks.jar"
          + " dev.cordon.gateway.bench.PeerTableFootprint 100000 10000";
  static final String BENCH_COMMAND =
      "java --enable-native-access=ALL-UNNAMED -cp"
          + " \"lab/target/classes:dist/target/cordon/cordon/lib/*\""
          + " dev.cordon.lab.bench.controlplane.ControlPlaneBench --jmh JMH_OUTPUT --footprint"
          + " FOOTPRINT_OUTPUT";

  /** Everything one run produced; null members were not run. */
  record Inputs(
      Options options,
      List<JitWarmUp.Round> warmUp,
      Enroller.Run sqlite,
      Enroller.Run etcd,
      WatchRun watch,
      JmhSummary jmh,
      String footprint,
      String machine) {}

  /**
   * What profiling and per-operation measurements (JFR and small loops, on the shared 2-core
   * machine, 2026-11-22) showed behind the control-plane figures, and what the code does about it;
   * re-check it when the controller changes.
   */
  static final String NOTES =
      """

      ## Why the control-plane figures are where they are

      - **Machine**: the simulated devices and gateways run on the same 2 cores as the
        controller, and the machine may be shared (see the load average above). Throughput is
        then a lower bound and latency an upper bound; a target missed here is reported as not
        met.
      - **Signatures (AWS-LC)**: verifying a CSR's P-256 signature and signing the certificate
        were about half of the controller's CPU per enrollment, through Bouncy Castle (about
        200 µs to verify) and SunEC (about 130 µs to sign). The CA now does both through
        AWS-LC by way of the Amazon Corretto Crypto Provider (about 55 to 90 µs and 20 µs),
        as it does the check of the client certificate at every mTLS call (SunEC: about
        500 µs). Where AWS-LC cannot load, the controller says so at start and uses the JDK
        and Bouncy Castle; `-Dcordon.ecdsa=jdk` chooses them. Two pairs of runs back to back
        (embedded store, `--no-etcd`, on a machine busy with builds, load average 3 to 6):
        736 and 812 enrollments/s with `-Dcordon.ecdsa=jdk`, 1,139 and 989/s with AWS-LC
        (the bench command below with `--no-etcd`, once with `-Dcordon.ecdsa=jdk` before `-cp`).
      - **JIT**: on 2 cores, C2 compiling the TLS, gRPC, Bouncy Castle, SQLite and controller
        code took from a half to three quarters of a core for the first 15 s or so of
        enrollments, and was still compiling minutes later whenever token creation and
        enrollment alternated. The bench warms the JIT up on a throwaway controller first
        and reports how much compiling each timed run still saw.
      - **Embedded store**: every commit is an fsync (SQLite synchronous=FULL), so an
        enrollment the controller has answered survives a power loss: a CA must not forget a
        certificate it handed out, nor its audit entry or the token use that paid for it.
        Concurrent transactions queue and the next writer commits them together, each in its
        own savepoint at its own revision, with one fsync for the batch
        (`SqliteGroupCommit`); plain reads use a second WAL connection (`SqliteReads`); each
        connection keeps its hot prepared statements (`SqliteStatements`).
      - **Table feed per enrollment**: devices are read for compilation without parsing their
        certificates (`DeviceRecord.decodePlacement`), and enrollment hands the registry
        listener the record it built instead of decoding its bytes back.
      - **Policy change to enforcement**: a document that places devices as the previous one
        did hands the compiled device tables and peer entries over to the new compiler
        instead of copying them (`PolicyCompiler.recompile`; at 10,000 devices and 10
        gateways the copy had been about 200,000 map entries per change), and each gateway
        channel is given the new rules only (`PolicyCompiler.gatewayRules`,
        `GatewayChannel.replaceRules`). At the gateway, a rule-only update keeps the peer
        maps and peer index of the last snapshot (`GatewayTable.withRules`,
        `FirstPacketEvaluator.of(table, previous)`): rebuilding them had been 95% of an
        apply at 10,000 peers. The 10 gateways here share 2 cores with the controller, so
        their applies queue behind each other; ApplyPolicy itself (validate, diff, one store
        transaction) is in the detail below.
      - **Revocation in the gateway**: a peer update keeps the rule indexes and applies only
        the changed peers to the sorted peer index (binary searches, then one copy of its
        arrays); the authorized-peer and overlay maps each snapshot holds are persistent
        (pcollections: immutable, so the packet path reads them without locks, and the next
        version shares every untouched entry). A revocation took 33 ms at 10,000 peers and
        312 ms at 100,000 when every update re-sorted every peer and rebuilt every rule
        index, and 21.9 ms at 100,000 while each snapshot still copied those two maps. The
        revoked peer's live flows are found through the tracker's chains of entries by
        source and by destination address (`ConnTracker.involving`; links inside the entries,
        about 90 ns more per new flow), where the cut used to scan every tracked flow under
        the lock the packet path waits on (0.8 ms per revoke-or-restore with 100,000 flows).
        `TableUpdateBench` runs on a fixed, pre-touched heap: on this VM the first write to
        each fresh heap page faults, which made updates 40 times slower for seconds after
        the heap grew.
      """;

  private Report() {}

  static String render(Inputs in) {
    List<String> rows = new ArrayList<>();
    rows.add("| Figure | Target | Measured | Verdict |");
    rows.add("|---|---|---|---|");
    jmhRow(rows, in.jmh, "FlowDecisionBench.trackerHit", "Flow decision, tracker hit", 100);
    jmhRow(
        rows,
        in.jmh,
        "FlowDecisionBench.firstPacketPolicy",
        "First-packet policy evaluation",
        2_000);
    jmhRow(
        rows,
        in.jmh,
        "RecompileBench.oneDeviceChanges",
        "One device's change recompiles (100,000 devices)",
        10_000_000);
    jmhRow(
        rows,
        in.jmh,
        "TableUpdateBench.revokeOrRestore",
        Map.of("peers", "10000", "flows", "0"),
        "Revocation, delta to enforcement in the gateway (10,000 peers, 10,000 rules)",
        10_000_000);
    jmhRow(
        rows,
        in.jmh,
        "TableUpdateBench.revokeOrRestore",
        Map.of("peers", "100000", "flows", "0"),
        "Revocation, delta to enforcement in the gateway (100,000 peers, 10,000 rules)",
        10_000_000);
    jmhRow(
        rows,
        in.jmh,
        "TableUpdateBench.revokeOrRestore",
        Map.of("peers", "100000", "flows", "100000"),
        "Revocation, as above with 100,000 live flows",
        10_000_000);
    rows.add(footprintRow(in.footprint));
    rows.add(enrollRow("Enrollments/s, embedded store", in.sqlite, 1_000));
    rows.add(enrollRow("Enrollments/s, 3-member etcd", in.etcd, 200));
    rows.add(watchRow(in.watch));

    StringBuilder md = new StringBuilder();
    md.append("# Control-plane and enforcement benchmarks\n\n");
    md.append(
        "Issue 4 and issue 5 \"Numbers to reach\" that are not tunnel throughput (those are in"
            + " [benchmarks.md](benchmarks.md)). Written by `ControlPlaneBench`; absolute targets,"
            + " measured once on the machine below.\n\n");
    md.append("**Machine:** ").append(in.machine).append("\n\n");
    md.append(
        "Anything else running on the machine (the load average above says how busy it was)"
            + " makes every figure an upper bound on latency and a lower bound on throughput, and"
            + " widens the JMH error bars.\n\n");
    for (String r : rows) md.append(r).append('\n');
    md.append("\n## How each figure is measured\n\n");
    md.append(
        "- **Flow decision (tracker hit)**: `Enforcer.outside` for a packet of an allowed,"
            + " tracked flow on the gateway's real state (a controller-shaped snapshot of 100,000"
            + " peers and 10,000 rules applied through `TableApplier`; only the WireGuard device is"
            + " stubbed): parse, sender check, cryptokey routing, tracker hit.\n");
    md.append(
        "- **First-packet policy**: `PolicySnapshot.decide` (the policy module's"
            + " `FirstPacketEvaluator`) for an allowed new flow; 10 candidate rules share the"
            + " destination. `firstPacketDeniedThroughEnforcer` is the whole miss path for a flow"
            + " an explicit deny refuses; `firstPacketAllowedThroughEnforcer` the whole path of a"
            + " new allowed flow, tracked in a full tracker (so it also evicts one).\n");
    md.append(
        "- **Recompile**: `PolicyCompiler.upsert` moving one device between two segments with"
            + " 100,000 devices and 10,000 rules compiled.\n");
    md.append(
        "- **Revocation in the gateway**: `TableApplier.apply` of a delta that revokes one"
            + " device (and, every other call, of the delta that adds it back) on a gateway"
            + " holding 10,000 or 100,000 peers and 10,000 rules: table state, peer slots,"
            + " policy snapshot and flow cuts, up to the acknowledgement (`TableUpdateBench`;"
            + " `ruleChange` in the JMH output is a one-rule port change). With 100,000 live"
            + " flows (all of another device) it checks that a cut costs the revoked peer's flows,"
            + " not every flow the gateway tracks.\n");
    md.append(
        "- **Memory**: used heap after full GCs (MemoryMXBean) before and after the gateway"
            + " loads 100,000 peers and 10,000 rules; the proto snapshot is dropped first.\n");
    md.append(
        String.format(
            Locale.ROOT,
            "- **Enrollments/s**: a real controller in-process on loopback (TLS 1.3), %d"
                + " single-use device tokens made with the owner credential through the Admin"
                + " API, keys and CSRs made before timing, then %d concurrent clients (one TLS"
                + " connection each, reused) call Enroll; the first 5%% are an untimed warm-up."
                + " Before that, the JIT is warmed up on a throwaway controller in the same JVM"
                + " (rounds of 1,000 enrollments until compiling takes under 5%% of a round, at"
                + " most %d rounds), as a controller that has been up for a minute is. The policy"
                + " is applied before, so each enrollment also recompiles. The clients share the"
                + " controller's 2 cores.\n",
            in.options.devices(),
            in.options.workers(),
            in.options.warmUpRounds()));
    md.append(
        String.format(
            Locale.ROOT,
            "- **Policy change to enforcement**: %d gateways in this JVM (enrolled with"
                + " gateway tokens, mTLS) hold WatchTable streams and apply each update with the"
                + " gateway's own `TableApplier` (table state, peer slots, policy snapshot, flow"
                + " cuts; only the WireGuard device is left out) before they acknowledge it; %d"
                + " devices enrolled as above; after %d untimed ones, %d policy revisions each"
                + " change every gateway's rules; latency is from the ApplyPolicy call to the"
                + " last gateway's"
                + " Acknowledge being answered. The 10 gateways share the controller's 2 cores,"
                + " where real ones each have their own.\n",
            in.options.gateways(),
            in.options.devices(),
            ControlPlaneBench.CHANGE_WARM_UP,
            in.options.changes()));
    md.append(NOTES);
    md.append("\n## Reproduce\n\n```\n");
    md.append("# 1, 2 (JMH) and memory\n").append(JMH_COMMAND).append('\n');
    md.append(FOOTPRINT_COMMAND).append('\n');
    md.append("# 3, 4 (after make build; writes this file)\n").append(BENCH_COMMAND).append('\n');
    md.append("```\n\n## JMH output\n\n```\n");
    if (in.jmh == null || in.jmh.table().isEmpty()) md.append("(not run)\n");
    else for (String l : in.jmh.table()) md.append(l).append('\n');
    md.append("```\n");
    md.append(warmUp(in.warmUp));
    if (in.sqlite != null) md.append(detail("embedded store", in.sqlite));
    if (in.etcd != null) md.append(detail("3-member etcd", in.etcd));
    if (in.watch != null) {
      md.append(
          String.format(
              Locale.ROOT,
              "\nAcknowledgements: %d changes, p50 %s, p90 %s, p99 %s, max %s; %d timed out."
                  + " Of that, the ApplyPolicy call alone (validate, compile, store) took p50 %s,"
                  + " p99 %s, and the last gateway had received the update after p50 %s, p99 %s"
                  + " (the rest is the Acknowledge round trip).\n",
              in.watch.latency().count(),
              Percentiles.millis(in.watch.latency().p50()),
              Percentiles.millis(in.watch.latency().p90()),
              Percentiles.millis(in.watch.latency().p99()),
              Percentiles.millis(in.watch.latency().max()),
              in.watch.timedOut(),
              Percentiles.millis(in.watch.apply().p50()),
              Percentiles.millis(in.watch.apply().p99()),
              Percentiles.millis(in.watch.received().p50()),
              Percentiles.millis(in.watch.received().p99())));
    }
    return md.toString();
  }

  private static String warmUp(List<JitWarmUp.Round> rounds) {
    if (rounds.isEmpty()) return "\nNo JIT warm-up was run (--warm-up-rounds 0).\n";
    StringBuilder b = new StringBuilder("\nJIT warm-up on a throwaway controller, enrollments/s (");
    b.append("share of the round spent compiling): ");
    for (int i = 0; i < rounds.size(); i++) {
      JitWarmUp.Round r = rounds.get(i);
      b.append(i == 0 ? "" : ", ")
          .append(
              String.format(
                  Locale.ROOT,
                  "%.0f (%.0f%%)",
                  r.enrolled() / r.seconds(),
                  100 * r.compileShare()));
    }
    boolean quiet = rounds.getLast().compileShare() < JitWarmUp.QUIET_SHARE;
    return b.append(quiet ? ".\n" : "; the compilers never went quiet.\n").toString();
  }

  private static String detail(String store, Enroller.Run r) {
    return String.format(
        Locale.ROOT,
        "\nEnrollment on the %s: %d enrolled, %d failed in %.2f s; per-request latency p50 %s,"
            + " p99 %s; the JIT compilers took %.0f%% of the run.%s\n",
        store,
        r.enrolled(),
        r.failed(),
        r.seconds(),
        Percentiles.millis(r.latency().p50()),
        Percentiles.millis(r.latency().p99()),
        100 * r.compileShare(),
        r.firstError() == null ? "" : " First error: " + r.firstError());
  }

  private static void jmhRow(
      List<String> rows, JmhSummary jmh, String name, String label, double targetNanos) {
    jmhRow(rows, jmh, name, Map.of(), label, targetNanos);
  }

  private static void jmhRow(
      List<String> rows,
      JmhSummary jmh,
      String name,
      Map<String, String> params,
      String label,
      double targetNanos) {
    var score =
        jmh == null ? java.util.Optional.<JmhSummary.Score>empty() : jmh.score(name, params);
    String target = time(targetNanos);
    if (score.isEmpty()) {
      rows.add("| " + label + " | < " + target + " | not run | - |");
      return;
    }
    double ns = score.get().nanos();
    rows.add(
        "| "
            + label
            + " | < "
            + target
            + " | "
            + time(ns)
            + " | "
            + verdict(ns < targetNanos)
            + " |");
  }

  private static String footprintRow(String line) {
    if (line == null || line.isBlank()) return "| Heap, 100,000 peers | < 1 GiB | not run | - |";
    String mib = line.replaceAll(".*?: ([0-9.]+) MiB.*", "$1");
    boolean met = line.contains(": met");
    return "| Heap, 100,000 peers (10,000 rules) | < 1 GiB | "
        + mib
        + " MiB | "
        + verdict(met)
        + " |";
  }

  private static String enrollRow(String label, Enroller.Run r, int target) {
    if (r == null) return "| " + label + " | >= " + target + " | not run | - |";
    return String.format(
        Locale.ROOT,
        "| %s | >= %,d | %,.0f | %s |",
        label,
        target,
        r.perSecond(),
        verdict(r.failed() == 0 && r.perSecond() >= target));
  }

  private static String watchRow(WatchRun w) {
    String label = "Policy change to every gateway's ack, p99";
    if (w == null) return "| " + label + " | < 100 ms | not run | - |";
    String cfg = " (" + w.gateways() + " gateways, " + w.devices() + " devices)";
    return "| "
        + label
        + cfg
        + " | < 100 ms | "
        + Percentiles.millis(w.latency().p99())
        + " | "
        + verdict(w.timedOut() == 0 && w.latency().p99() < 100_000_000L)
        + " |";
  }

  private static String verdict(boolean met) {
    return met ? "met" : "**not met**";
  }

  static String time(double nanos) {
    if (nanos < 1_000) return String.format(Locale.ROOT, "%.0f ns", nanos);
    if (nanos < 1_000_000) return String.format(Locale.ROOT, "%.2f µs", nanos / 1e3);
    return String.format(Locale.ROOT, "%.2f ms", nanos / 1e6);
  }
}
