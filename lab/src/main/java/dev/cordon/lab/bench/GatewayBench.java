package dev.cordon.lab.bench;

import dev.cordon.lab.Await;
import dev.cordon.lab.Lab;
import dev.cordon.lab.LabException;
import dev.cordon.lab.Namespace;
import dev.cordon.lab.Result;
import dev.cordon.lab.system.CordonCli;
import dev.cordon.lab.system.Fleet;
import dev.cordon.lab.system.StockDevice;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Issue 5's gateway numbers against a real gateway in a lab ({@link Fleet}): (1) revocation, delta
 * arrival to enforcement: N enrolled devices revoked one by one, each timed by the gateway itself
 * (its {@code revoked peer=… enforced-in-ms=…} line: peer removed, sessions destroyed, flows cut);
 * target p99 under 10 ms. (2) Throughput with enforcement on: one iperf3 TCP flow from a stock
 * wireguard-go camera through the gateway (decrypt, enforcement, TUN) to a server in the gateway's
 * namespace, against one flow from wireguard-go over a bare Cordon tunnel (TunnelMain, no
 * enforcement); target at least 0.9x. {@code --revocations N --seconds S --rounds R [--markdown
 * FILE]}. Bounded: N at most 1000, S at most 30, R at most 5; the lab is removed at the end, also
 * on Ctrl-C.
 */
public final class GatewayBench {
  static final Pattern REVOKED = Pattern.compile("revoked peer=\\S+ enforced-in-ms=([0-9.]+)");
  static final int IPERF_PORT = Iperf.PORT;

  /** Fleet's policy plus an iperf3 service on the gateway's inside address, for cameras. */
  static final String POLICY =
      Fleet.POLICY
          .replace(
              "rules:\n",
              """
                - name: svc-iperf
                  gateway: gw-lab
                  address: 198.51.100.1
                  protocol: tcp
                  ports: [5201]
              rules:
              """)
          .replace("    to: {services: [svc-a]}\n", "    to: {services: [svc-a, svc-iperf]}\n");

  static {
    if (!POLICY.contains("[svc-a, svc-iperf]")) {
      throw new IllegalStateException("Fleet.POLICY changed: the iperf3 service is not allowed");
    }
  }

  private GatewayBench() {}

  public static void main(String[] argv) throws IOException {
    var args = Args.parse(argv);
    int revocations = (int) Math.clamp(args.number("--revocations", 100), 1, 1000);
    int seconds = (int) Math.clamp(args.number("--seconds", 10), 1, 30);
    int rounds = (int) Math.clamp(args.number("--rounds", 3), 1, 5);
    String markdown;
    try (Lab lab = Lab.open("gwbench")) {
      Thread closer = new Thread(lab::close);
      Runtime.getRuntime().addShutdownHook(closer);
      Fleet fleet = Fleet.start(lab);
      fleet.admin().applyPolicy(POLICY);
      double[] revokeMs = revocations(fleet, revocations);
      double[] gateway = new double[rounds], bare = new double[rounds];
      StockDevice cam = fleet.camera("cam1");
      for (int r = 0; r < rounds; r++) {
        gateway[r] =
            Iperf.run(
                    cam.namespace(),
                    fleet.gateway().namespace(),
                    Fleet.GATEWAY_INSIDE,
                    seconds,
                    1,
                    false,
                    0,
                    null)
                .bitsPerSecond();
      }
      var lan = lab.bridge("pair");
      Namespace a = lab.namespace("ca"), b = lab.namespace("cb");
      // Its own bridge: the same underlay addresses as Fleet's hosts would clash on "lan".
      a.connect(lan, lab.underlayCidr(20));
      b.connect(lan, lab.underlayCidr(21));
      TunnelPair.stockToCordon(lab, a, b);
      for (int r = 0; r < rounds; r++) {
        bare[r] = Iperf.run(a, b, TunnelPair.OVERLAY_B, seconds, 1, false, 0, null).bitsPerSecond();
      }
      markdown = report(revokeMs, gateway, bare, seconds);
      Runtime.getRuntime().removeShutdownHook(closer);
    }
    System.out.println(markdown);
    if (args.values().containsKey("--markdown")) {
      Files.writeString(Path.of(args.text("--markdown")), markdown, StandardCharsets.UTF_8);
    }
  }

  /** Enrolls {@code n} cameras (no tunnel needed: they are peers in the table), revokes each. */
  static double[] revocations(Fleet fleet, int n) {
    // Enrolled from the gateway's namespace: it is on the controller's underlay, and enrolling
    // only writes files into the state directory given.
    Namespace enroller = fleet.gateway().namespace();
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Path token =
          fleet
              .admin()
              .createToken("--name", "r" + i, "--type", "camera", "--label", "type=camera");
      Path state = fleet.lab().runDirectory().resolve("revoked-" + i);
      Result r = CordonCli.enroll(enroller, token, "--state-dir", state.toString());
      if (!r.ok()) throw new LabException("enrolling r" + i + " failed: " + r.stderr());
      ids.add(deviceId(state));
    }
    // Every device a peer of the gateway before the first revocation.
    Await.until(
        n + " peers at the gateway",
        Duration.ofSeconds(60),
        () -> fleet.gateway().status().peers().keySet().containsAll(ids));
    for (String id : ids) {
      fleet.admin().ok("device", "revoke", id, "--reason", "bench");
    }
    double[] ms = new double[n];
    Await.until(
        n + " revocations enforced",
        Duration.ofSeconds(60),
        () -> {
          Matcher m = REVOKED.matcher(fleet.gateway().process().output());
          int i = 0;
          while (m.find() && i < n) ms[i++] = Double.parseDouble(m.group(1));
          return i == n;
        });
    return ms;
  }

  private static String deviceId(Path state) {
    try {
      var p = new Properties();
      p.load(new StringReader(Files.readString(state.resolve("identity.properties"))));
      return p.getProperty("device-id");
    } catch (IOException e) {
      throw new LabException("no identity in " + state, e);
    }
  }

  /** The q-quantile by nearest rank. */
  static double quantile(double[] values, double q) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int rank = (int) Math.ceil(q * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }

  static double median(double[] values) {
    return quantile(values, 0.5);
  }

  private static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).strip();
    } catch (IOException e) {
      return "unknown";
    }
  }

  static String report(double[] revokeMs, double[] gateway, double[] bare, int seconds) {
    double ratio = median(gateway) / median(bare);
    double p99 = quantile(revokeMs, 0.99);
    return String.format(
        Locale.ROOT,
        """
        # Gateway benchmarks (issue 5)

        <!-- Written by dev.cordon.lab.bench.GatewayBench; change the code, not this file. -->

        Reproduce, as root: `sudo make bench-gateway` (about 6 minutes; it runs `GatewayBench
        --revocations 50 --rounds 5`). Run %s; load average as the report was written %s.

        | measure | result | target | met |
        |---|---|---|---|
        | revocation, delta arrival to enforcement (%d devices) | p50 %.3f ms, p99 %.3f ms, max %.3f ms | p99 < 10 ms | %s |
        | one TCP flow through the gateway, enforcement on (median of %d x %d s) | %.0f Mbit/s | | |
        | one TCP flow over a bare tunnel, wireguard-go to Cordon (TunnelMain) | %.0f Mbit/s | | |
        | gateway / bare tunnel | %.2fx | >= 0.9x | %s |

        The gateway flow runs from a stock wireguard-go camera to an iperf3 server in the gateway's
        namespace (decrypt, enforcement, TUN, local delivery); the bare tunnel has the same sender
        (wireguard-go) and ends the same way in a Cordon TunnelMain without enforcement, so the ratio
        is the cost of the gateway's enforcement and bookkeeping. Revocation times are the gateway's
        own: from the update's arrival to the peer removed, its sessions destroyed and its flows
        cut. Reproduce with `sudo make bench-gateway`.
        """,
        java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MINUTES),
        loadAverage(),
        revokeMs.length,
        median(revokeMs),
        p99,
        quantile(revokeMs, 1.0),
        p99 < 10 ? "yes" : "no",
        gateway.length,
        seconds,
        median(gateway) / 1e6,
        median(bare) / 1e6,
        ratio,
        ratio >= 0.9 ? "yes" : "no");
  }
}
