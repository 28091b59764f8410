package dev.cordon.lab.bench;

import dev.cordon.lab.Await;
import dev.cordon.lab.Lab;
import dev.cordon.lab.Namespace;
import dev.cordon.lab.WireGuardGo;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Two tunnel endpoints, {@code a} (100.64.0.1) and {@code b} (100.64.0.2), each in its own
 * namespace on the lab's bridge; {@code b} also knows the flood peers, so it serves as the
 * responder of the handshake benchmark.
 */
record TunnelPair(
    String label,
    Namespace a,
    Namespace b,
    String underlayB,
    long pidA,
    long pidB,
    String publicKeyB,
    int portB) {
  static final int PORT = 51820;
  static final String OVERLAY_A = "100.64.0.1";
  static final String OVERLAY_B = "100.64.0.2";

  /** A wireguard-go pair; {@code b} learns the flood peers from a wg config file. */
  static TunnelPair wireguardGo(Lab lab, Namespace a, Namespace b, List<Keys> floodPeers) {
    var wgA = WireGuardGo.start(a, lab.interfaceName("wga"), PORT);
    var wgB = WireGuardGo.start(b, lab.interfaceName("wgb"), PORT);
    wgA.setAddress(OVERLAY_A + "/24");
    wgB.setAddress(OVERLAY_B + "/24");
    String underlayA = underlay(a);
    String underlayB = underlay(b);
    wgA.addPeer(wgB.publicKey(), OVERLAY_B + "/32", underlayB + ":" + PORT, null);
    wgB.addPeer(wgA.publicKey(), OVERLAY_A + "/32", underlayA + ":" + PORT, null);
    if (!floodPeers.isEmpty()) {
      Path conf = lab.runDirectory().resolve(wgB.iface() + "-flood.conf");
      CordonTunnel.writeSecret(conf, floodPeerSections(floodPeers));
      b.exec("wg", "addconf", wgB.iface(), conf.toString());
    }
    return new TunnelPair(
            "wireguard-go",
            a,
            b,
            underlayB,
            wgA.process().pid(),
            wgB.process().pid(),
            wgB.publicKey(),
            PORT)
        .connected();
  }

  /** A Cordon pair (TunnelMain from the distribution); {@code b} lists the flood peers too. */
  static TunnelPair cordon(Lab lab, Namespace a, Namespace b, List<Keys> floodPeers) {
    String underlayA = underlay(a);
    String underlayB = underlay(b);
    var configA = CordonTunnel.configure(a, lab.interfaceName("cta"), PORT);
    var configB = CordonTunnel.configure(b, lab.interfaceName("ctb"), PORT);
    configA.peer(
        CordonTunnel.Peer.of(configB.publicKey(), OVERLAY_B + "/32")
            .withEndpoint(underlayB + ":" + PORT));
    configB.peer(
        CordonTunnel.Peer.of(configA.publicKey(), OVERLAY_A + "/32")
            .withEndpoint(underlayA + ":" + PORT));
    for (int i = 0; i < floodPeers.size(); i++) {
      configB.peer(CordonTunnel.Peer.of(floodPeers.get(i).publicBase64(), floodAllowedIp(i)));
    }
    var tunnelA = configA.start();
    var tunnelB = configB.start();
    tunnelA.setAddress(OVERLAY_A + "/24");
    tunnelB.setAddress(OVERLAY_B + "/24");
    return new TunnelPair(
            "Cordon",
            a,
            b,
            underlayB,
            tunnelA.process().pid(),
            tunnelB.process().pid(),
            tunnelB.publicKey(),
            PORT)
        .connected();
  }

  /**
   * wireguard-go in {@code a}, Cordon (TunnelMain, no enforcement) in {@code b}: the bare-tunnel
   * twin of a stock WireGuard device talking to a Cordon gateway.
   */
  static TunnelPair stockToCordon(Lab lab, Namespace a, Namespace b) {
    String underlayA = underlay(a);
    String underlayB = underlay(b);
    var wgA = WireGuardGo.start(a, lab.interfaceName("wga"), PORT);
    wgA.setAddress(OVERLAY_A + "/24");
    var configB = CordonTunnel.configure(b, lab.interfaceName("ctb"), PORT);
    configB.peer(
        CordonTunnel.Peer.of(wgA.publicKey(), OVERLAY_A + "/32")
            .withEndpoint(underlayA + ":" + PORT));
    var tunnelB = configB.start();
    tunnelB.setAddress(OVERLAY_B + "/24");
    wgA.addPeer(tunnelB.publicKey(), OVERLAY_B + "/32", underlayB + ":" + PORT, null);
    return new TunnelPair(
            "wireguard-go to Cordon",
            a,
            b,
            underlayB,
            wgA.process().pid(),
            tunnelB.process().pid(),
            tunnelB.publicKey(),
            PORT)
        .connected();
  }

  /** CPU seconds both tunnel processes have used so far. */
  double cpuSeconds() {
    return ProcStat.cpuSeconds(pidA) + ProcStat.cpuSeconds(pidB);
  }

  /** Voluntary context switches both tunnel processes' threads have made so far. */
  long voluntarySwitches() {
    return ProcStat.voluntarySwitches(pidA) + ProcStat.voluntarySwitches(pidB);
  }

  /** Waits for the first handshake, so no measurement pays for it. */
  private TunnelPair connected() {
    Await.until(
        label + " pair to pass a ping",
        Duration.ofSeconds(30),
        () -> a.execAllowFail("ping", "-c", "1", "-W", "1", OVERLAY_B).ok());
    return this;
  }

  static String floodPeerSections(List<Keys> peers) {
    var out = new StringBuilder();
    for (int i = 0; i < peers.size(); i++) {
      out.append("[Peer]\nPublicKey = ")
          .append(peers.get(i).publicBase64())
          .append("\nAllowedIPs = ")
          .append(floodAllowedIp(i))
          .append("\n\n");
    }
    return out.toString();
  }

  /** 100.65.x.y/32: one address each, outside both pairs' overlay. */
  static String floodAllowedIp(int i) {
    return "100.65." + (i / 256) + "." + (i % 256) + "/32";
  }

  /** The namespace's underlay address, read back from its veth. */
  private static String underlay(Namespace ns) {
    var out = ns.exec("ip", "-4", "-o", "addr", "show").stdout();
    var m = java.util.regex.Pattern.compile("inet (192\\.0\\.2\\.\\d+)/").matcher(out);
    if (!m.find()) {
      throw new IllegalStateException("no underlay address in " + ns + ": " + out);
    }
    return m.group(1);
  }
}
