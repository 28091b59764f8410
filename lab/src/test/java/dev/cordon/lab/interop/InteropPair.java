package dev.cordon.lab.interop;

import dev.cordon.lab.Await;
import dev.cordon.lab.Bridge;
import dev.cordon.lab.Lab;
import dev.cordon.lab.Namespace;
import dev.cordon.lab.Result;
import dev.cordon.lab.WireGuardGo;
import dev.cordon.lab.bench.CordonTunnel;
import java.time.Duration;
import java.util.List;

/**
 * Cordon (namespace "cordon", 192.0.2.11, overlay 100.64.0.1) facing wireguard-go (namespace "wg",
 * 192.0.2.12, overlay 100.64.0.2) on one bridge, set up for {@link Role}: only the initiator knows
 * the other's endpoint, and only the initiator's side sends first.
 */
record InteropPair(
    Lab lab,
    Role role,
    Bridge lan,
    Namespace cordonNs,
    Namespace wgNs,
    CordonTunnel cordon,
    WireGuardGo wg) {
  static final int PORT = 51820;
  static final String CORDON_OVERLAY = "100.64.0.1";
  static final String WG_OVERLAY = "100.64.0.2";
  static final Duration HANDSHAKE_DEADLINE = Duration.ofSeconds(30);

  /** Extra settings: a PSK for both sides, a persistent keepalive for the initiator. */
  record Options(String presharedKeyOrNull, Integer initiatorKeepaliveOrNull) {
    static final Options NONE = new Options(null, null);
  }

  static InteropPair start(Lab lab, Role role) {
    return start(lab, role, Options.NONE);
  }

  static InteropPair start(Lab lab, Role role, Options options) {
    Bridge lan = lab.bridge("lan");
    Namespace cordonNs = lab.namespace("cordon");
    Namespace wgNs = lab.namespace("wg");
    cordonNs.connect(lan, lab.underlayCidr(1));
    wgNs.connect(lan, lab.underlayCidr(2));

    WireGuardGo wg = WireGuardGo.start(wgNs, lab.interfaceName("wg"), PORT);
    wg.setAddress(WG_OVERLAY + "/24");
    boolean cordonInitiates = role == Role.CORDON_INITIATES;

    var config = CordonTunnel.configure(cordonNs, lab.interfaceName("cordon"), PORT);
    var peer = CordonTunnel.Peer.of(wg.publicKey(), WG_OVERLAY + "/32");
    if (cordonInitiates) {
      peer = peer.withEndpoint(lab.underlay(2) + ":" + PORT);
      peer = peer.withKeepalive(options.initiatorKeepaliveOrNull());
    }
    peer = peer.withPresharedKey(options.presharedKeyOrNull());
    CordonTunnel cordon = config.peer(peer).start();
    cordon.setAddress(CORDON_OVERLAY + "/24");

    wg.addPeer(
        cordon.publicKey(),
        CORDON_OVERLAY + "/32",
        cordonInitiates ? null : lab.underlay(1) + ":" + PORT,
        cordonInitiates ? null : options.initiatorKeepaliveOrNull());
    if (options.presharedKeyOrNull() != null) {
      var pskFile = lab.runDirectory().resolve(wg.iface() + ".psk");
      Secrets.write(pskFile, options.presharedKeyOrNull());
      wgNs.exec(
          "wg", "set", wg.iface(), "peer", cordon.publicKey(), "preshared-key", pskFile.toString());
    }
    // The underlay must work, or a tunnel failure below would mislead.
    cordonNs.exec("ping", "-c", "1", "-W", "2", lab.underlay(2));
    return new InteropPair(lab, role, lan, cordonNs, wgNs, cordon, wg);
  }

  Namespace initiatorNs() {
    return role == Role.CORDON_INITIATES ? cordonNs : wgNs;
  }

  Namespace responderNs() {
    return role == Role.CORDON_INITIATES ? wgNs : cordonNs;
  }

  String responderOverlay() {
    return role == Role.CORDON_INITIATES ? WG_OVERLAY : CORDON_OVERLAY;
  }

  String initiatorOverlay() {
    return role == Role.CORDON_INITIATES ? CORDON_OVERLAY : WG_OVERLAY;
  }

  /** Pings from the initiator until one gets through: the first packet starts the handshake. */
  void handshake() {
    Await.until(
        "a ping from the initiator through the tunnel",
        HANDSHAKE_DEADLINE,
        () -> ping(initiatorNs(), responderOverlay(), 1).ok());
  }

  /** Cordon's n-th handshake event with wireguard-go, in the role this pair expects. */
  void awaitCordonHandshake(int n, Duration deadline) {
    cordon.awaitEvent(
        "handshake",
        e -> wg.publicKey().equals(e.get("peer")) && role.cordonRole().equals(e.get("role")),
        n,
        deadline);
  }

  /**
   * What both sides counted, for a failure message: Cordon's status file (refreshed each second, so
   * this waits for the next write), its output, wireguard-go's {@code wg show dump}, and the
   * kernel's interface and UDP counters in both namespaces.
   */
  String evidence() {
    try {
      Thread.sleep(1200);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    var s = new StringBuilder();
    s.append("\n--- Cordon status file ---\n").append(cordon.statusText());
    s.append("\n--- Cordon output ---\n").append(cordon.process().output());
    s.append("\n--- wg show ").append(wg.iface()).append(" dump ---\n");
    s.append(wg.show("dump").stdout());
    for (Namespace ns : new Namespace[] {cordonNs, wgNs}) {
      s.append("\n--- ip -s link in ").append(ns.name()).append(" ---\n");
      s.append(ns.execAllowFail("ip", "-s", "link").stdout());
      s.append("\n--- nstat -az Udp/Icmp in ").append(ns.name()).append(" ---\n");
      s.append(ns.execAllowFail("nstat", "-asz", "Udp*", "Icmp*").stdout());
    }
    return s.toString();
  }

  /**
   * How long ping may wait in all for its replies. Without a deadline, ping waits only max(2 x the
   * slowest round trip so far, the interval) after its last probe, 200 ms here, and calls a reply
   * that comes later lost: on a busy machine (CI compiling alongside) a reply held up by a
   * descheduled process then reads as "33% packet loss" although nothing was lost.
   */
  static final int PING_DEADLINE_SECONDS = 10;

  static Result ping(Namespace from, String to, int count) {
    return from.execAllowFail(pingArgv(to, count, "0.2").toArray(String[]::new));
  }

  /**
   * ping with a deadline: it exits once {@code count} replies are in (or the deadline passed), and
   * may send extra probes while replies are late, so judge it with {@link #answeredAll}.
   */
  static List<String> pingArgv(String to, int count, String interval) {
    return List.of(
        "ping",
        "-n",
        "-c",
        Integer.toString(count),
        "-i",
        interval,
        "-W",
        "2",
        "-w",
        Integer.toString(PING_DEADLINE_SECONDS),
        to);
  }

  /** Whether probes 1..count each got a reply, however late, by ping's output. */
  static boolean answeredAll(String pingOutput, int count) {
    for (int seq = 1; seq <= count; seq++) {
      if (!pingOutput.contains(" icmp_seq=" + seq + " ")) {
        return false;
      }
    }
    return true;
  }
}
