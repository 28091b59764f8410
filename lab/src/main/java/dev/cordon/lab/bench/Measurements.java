package dev.cordon.lab.bench;

import dev.cordon.lab.Await;
import dev.cordon.lab.LabException;
import dev.cordon.lab.LabProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One run of each benchmark on one pair; each returns named numbers for {@link Results}. Every run
 * is bounded: iperf3 by {@code -t}, ping by {@code -c}, the flooder by count and seconds.
 */
final class Measurements {
  static final int PING_COUNT = 300;
  static final String PING_INTERVAL = "0.01";
  static final int WARM_UP_PINGS = 5000;
  static final int WARM_UP_SECONDS = 10;
  static final int HANDSHAKE_COUNT = 20_000;
  static final int HANDSHAKE_SECONDS = 8;
  private static final Pattern FLOOD_DONE =
      Pattern.compile(
          "done sent=(\\d+) responses=(\\d+) cookie-replies=(\\d+) seconds=([0-9.]+) rate=([0-9.]+)");

  private final int seconds;
  private final Path floodKeys;

  Measurements(int seconds, Path floodKeys) {
    this.seconds = seconds;
    this.floodKeys = floodKeys;
  }

  /** TCP through the tunnel: receiver's Mbit/s, and both tunnels' CPU seconds per GB moved. */
  Map<String, Double> bulkTcp(TunnelPair pair, int streams, boolean reverse) {
    double cpuBefore = pair.cpuSeconds();
    var outcome =
        Iperf.run(pair.a(), pair.b(), TunnelPair.OVERLAY_B, seconds, streams, reverse, 0, null);
    double cpu = pair.cpuSeconds() - cpuBefore;
    return Map.of("mbps", outcome.bitsPerSecond() / 1e6, "cpuPerGb", cpu / (outcome.bytes() / 1e9));
  }

  /** UDP datagrams of {@code length} bytes at a capped offered rate: packets/s received. */
  double smallPackets(TunnelPair pair, int length, String bitrate) {
    var outcome =
        Iperf.run(pair.a(), pair.b(), TunnelPair.OVERLAY_B, seconds, 1, false, length, bitrate);
    return outcome.packetsPerSecond();
  }

  /**
   * Ping round trips through the tunnel minus the bare veth path's, p50 and p99 in milliseconds;
   * under load while one iperf3 TCP stream runs through the same tunnel. Also the voluntary context
   * switches of both tunnel processes per round trip: the thread wake-ups a ping costs.
   */
  Map<String, Double> latencyAdded(TunnelPair pair, boolean underLoad) {
    warmUp(pair);
    LabProcess load = null;
    if (underLoad) {
      Iperf.server(pair.b());
      int loadSeconds = (int) Math.ceil(PING_COUNT * 0.01) + 3;
      load =
          pair.a()
              .start(
                  "iperf3-load",
                  java.util.Arrays.stream(
                          Iperf.client(TunnelPair.OVERLAY_B, loadSeconds, 1, false, 0, null))
                      .filter(arg -> !arg.equals("-J")) // JSON comes only at the end
                      .toArray(String[]::new));
      load.awaitOutput(Pattern.compile("connected to"), Duration.ofSeconds(10));
    }
    long switchesBefore = pair.voluntarySwitches();
    var tunnel = ping(pair, TunnelPair.OVERLAY_B);
    double switchesPerPing =
        (pair.voluntarySwitches() - switchesBefore) / (double) tunnel.millis().size();
    if (load != null) {
      var running = load;
      Await.until("the load's iperf3 to finish", Duration.ofSeconds(60), () -> !running.isAlive());
    }
    // The baseline is the idle veth path: what the tunnel adds, load included.
    var bare = ping(pair, pair.underlayB());
    var out = new LinkedHashMap<String, Double>();
    out.put("p50", tunnel.percentile(50) - bare.percentile(50));
    out.put("p99", tunnel.percentile(99) - bare.percentile(99));
    out.put("switches", switchesPerPing);
    return out;
  }

  /**
   * Unmeasured pings first (a flood: each sent when the last reply came, at most 5000 or 10 s), so
   * both tunnels' hot paths are compiled (a JVM interprets or half-optimizes a path until it ran
   * some ten thousand times, and a bench run of latency alone would otherwise time that), and a
   * handshake that falls due happens before the measurement, not in it.
   */
  private void warmUp(TunnelPair pair) {
    pair.a()
        .execAllowFail(
            "ping",
            "-n",
            "-q",
            "-f",
            "-c",
            Integer.toString(WARM_UP_PINGS),
            "-w",
            Integer.toString(WARM_UP_SECONDS),
            TunnelPair.OVERLAY_B);
  }

  private PingStats ping(TunnelPair pair, String address) {
    var result =
        pair.a()
            .execAllowFail(
                "ping",
                "-n",
                "-c",
                Integer.toString(PING_COUNT),
                "-i",
                PING_INTERVAL,
                "-W",
                "1",
                address);
    return PingStats.parse(result.stdout());
  }

  /**
   * Handshakes per second the responder ({@code b}) completes with its tunnel pinned to CPU 1 and
   * the flooder to CPU 0: a closed loop of at most 64 outstanding valid initiations from the flood
   * peers, so the responder is never pushed into cookie (under-load) mode.
   */
  Map<String, Double> handshakes(TunnelPair pair) {
    pair.b().exec("taskset", "-a", "-p", "-c", "1", Long.toString(pair.pidB()));
    try {
      var result =
          pair.a()
              .execAllowFail(
                  LabJava.command(
                      0,
                      Flooder.class,
                      "--target",
                      pair.underlayB() + ":" + pair.portB(),
                      "--responder-public-key",
                      pair.publicKeyB(),
                      "--keys",
                      floodKeys.toString(),
                      "--mode",
                      "window",
                      "--window",
                      "64",
                      "--count",
                      Integer.toString(HANDSHAKE_COUNT),
                      "--seconds",
                      Integer.toString(HANDSHAKE_SECONDS)));
      var m = FLOOD_DONE.matcher(result.stdout());
      if (!result.ok() || !m.find()) {
        throw new LabException("flooder failed: " + result.stdout() + result.stderr());
      }
      return Map.of(
          "rate", Double.parseDouble(m.group(5)), "cookies", Double.parseDouble(m.group(3)));
    } finally {
      int cpus = Runtime.getRuntime().availableProcessors();
      pair.b()
          .execAllowFail(
              "taskset", "-a", "-p", "-c", "0-" + (cpus - 1), Long.toString(pair.pidB()));
    }
  }
}
