package dev.cordon.lab.bench;

import dev.cordon.lab.LabException;
import dev.cordon.lab.LabProcess;
import dev.cordon.lab.Namespace;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * iperf3 between two namespaces: a one-shot server ({@code -s -1}) in one, the client in the other,
 * JSON output read for the few numbers the benchmark reports.
 */
final class Iperf {
  static final int PORT = 5201;
  private static final Pattern LISTENING = Pattern.compile("Server listening");

  /** What the receiving side saw: bytes, seconds, bits per second, and datagrams for UDP. */
  record Outcome(long bytes, double seconds, double bitsPerSecond, long packets, long lost) {
    double packetsPerSecond() {
      return (packets - lost) / seconds;
    }
  }

  private Iperf() {}

  /** Starts the one-shot server in {@code ns}, ready to accept one test. */
  static LabProcess server(Namespace ns) {
    // --forceflush: its output goes to a file, where it would otherwise sit in a buffer.
    var server =
        ns.start(
            "iperf3-server", "iperf3", "-s", "-1", "--forceflush", "-p", Integer.toString(PORT));
    try {
      server.awaitOutput(LISTENING, Duration.ofSeconds(10));
    } catch (RuntimeException e) {
      server.stop();
      throw e;
    }
    return server;
  }

  /** The client's argv: TCP by default; {@code udpLength > 0} makes it UDP at {@code bitrate}. */
  static String[] client(
      String server, int seconds, int streams, boolean reverse, int udpLength, String bitrate) {
    var argv =
        new ArrayList<>(
            List.of(
                "iperf3",
                "-c",
                server,
                "-p",
                Integer.toString(PORT),
                "-t",
                Integer.toString(seconds),
                "-P",
                Integer.toString(streams),
                "--connect-timeout",
                "5000",
                "--forceflush",
                "-J"));
    if (reverse) {
      argv.add("-R");
    }
    if (udpLength > 0) {
      argv.addAll(List.of("-u", "-l", Integer.toString(udpLength), "-b", bitrate));
    }
    return argv.toArray(String[]::new);
  }

  /** Runs one test from {@code client} to the server address, both in the lab. */
  static Outcome run(
      Namespace clientNs,
      Namespace serverNs,
      String serverAddress,
      int seconds,
      int streams,
      boolean reverse,
      int udpLength,
      String bitrate) {
    server(serverNs);
    var result =
        clientNs.execAllowFail(
            client(serverAddress, seconds, streams, reverse, udpLength, bitrate));
    if (!result.ok()) {
      throw new LabException("iperf3 failed: " + result.stdout() + result.stderr());
    }
    return udpLength > 0 ? parseUdp(result.stdout()) : parseTcp(result.stdout());
  }

  /** TCP: the "sum_received" object of "end", the receiver's count either way round. */
  static Outcome parseTcp(String json) {
    String sum = object(json, "sum_received");
    return new Outcome(
        (long) number(sum, "bytes"), number(sum, "seconds"), number(sum, "bits_per_second"), 0, 0);
  }

  /** UDP: "sum_received" too, whose packets and lost_packets come from the receiver. */
  static Outcome parseUdp(String json) {
    String sum = object(json, "sum_received");
    return new Outcome(
        (long) number(sum, "bytes"),
        number(sum, "seconds"),
        number(sum, "bits_per_second"),
        (long) number(sum, "packets"),
        (long) number(sum, "lost_packets"));
  }

  /** The flat text of the first {@code "name": { ... }} object (no nested objects inside). */
  private static String object(String json, String name) {
    var m = Pattern.compile("\"" + name + "\"\\s*:\\s*\\{([^{}]*)\\}").matcher(json);
    if (!m.find()) {
      throw new LabException("iperf3 JSON without \"" + name + "\": " + json);
    }
    return m.group(1);
  }

  private static double number(String object, String field) {
    var m = Pattern.compile("\"" + field + "\"\\s*:\\s*(-?[0-9.eE+-]+)").matcher(object);
    if (!m.find()) {
      throw new LabException("iperf3 JSON without \"" + field + "\" in {" + object + "}");
    }
    return Double.parseDouble(m.group(1));
  }
}
