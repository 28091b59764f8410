package dev.cordon.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

@LabTest
class WireGuardGoPeersLabTest {
  private static final int PORT = 51820;

  @Test
  void two_wireguard_go_peers_on_one_bridge_ping_each_other_through_their_tunnel(Lab lab) {
    Bridge lan = lab.bridge("lan");
    Namespace a = lab.namespace("a");
    Namespace b = lab.namespace("b");
    a.connect(lan, lab.underlayCidr(1));
    b.connect(lan, lab.underlayCidr(2));

    WireGuardGo wgA = WireGuardGo.start(a, lab.interfaceName("wga"), PORT);
    WireGuardGo wgB = WireGuardGo.start(b, lab.interfaceName("wgb"), PORT);
    wgA.setAddress("100.64.0.1/24");
    wgB.setAddress("100.64.0.2/24");
    wgA.addPeer(wgB.publicKey(), "100.64.0.2/32", lab.underlay(2) + ":" + PORT, null);
    wgB.addPeer(wgA.publicKey(), "100.64.0.1/32", lab.underlay(1) + ":" + PORT, null);

    // The underlay itself must work, or a tunnel failure below would mislead.
    a.exec("ping", "-c", "1", "-W", "2", lab.underlay(2));

    Await.until(
        "a ping from a to b's overlay address through the tunnel",
        Duration.ofSeconds(20),
        () -> a.execAllowFail("ping", "-c", "1", "-W", "1", "100.64.0.2").ok());
    var back = b.exec("ping", "-c", "3", "-i", "0.2", "-W", "2", "100.64.0.1");
    assertTrue(back.stdout().contains(" 0% packet loss"), back.stdout());

    long handshakeA = wgA.latestHandshakes().get(wgB.publicKey());
    long handshakeB = wgB.latestHandshakes().get(wgA.publicKey());
    assertTrue(handshakeA > 0, "a saw no handshake with b: " + wgA.show().stdout());
    assertTrue(handshakeB > 0, "b saw no handshake with a: " + wgB.show().stdout());
    assertEquals(1, wgA.latestHandshakes().size());
  }
}
