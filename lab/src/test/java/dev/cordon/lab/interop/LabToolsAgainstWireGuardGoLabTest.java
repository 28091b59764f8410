package dev.cordon.lab.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cordon.lab.Await;
import dev.cordon.lab.Lab;
import dev.cordon.lab.LabTest;
import dev.cordon.lab.Namespace;
import dev.cordon.lab.WireGuardGo;
import dev.cordon.lab.bench.ByteTransfer;
import dev.cordon.lab.bench.Flooder;
import dev.cordon.lab.bench.Keys;
import dev.cordon.lab.bench.LabJava;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The interop tests' own tools checked against wireguard-go alone, so a failure with Cordon points
 * at Cordon: the flooder's initiations are valid to the reference responder, its bursts put that
 * responder under load, and the byte transfer's hashes agree through a tunnel.
 */
@LabTest
class LabToolsAgainstWireGuardGoLabTest {
  private static final int PORT = 51820;

  record Peers(Namespace a, Namespace b, WireGuardGo wgA, WireGuardGo wgB) {}

  private static Peers peers(Lab lab, boolean bKnowsA) {
    var lan = lab.bridge("lan");
    Namespace a = lab.namespace("a");
    Namespace b = lab.namespace("b");
    a.connect(lan, lab.underlayCidr(1));
    b.connect(lan, lab.underlayCidr(2));
    var wgA = WireGuardGo.start(a, lab.interfaceName("wga"), PORT);
    var wgB = WireGuardGo.start(b, lab.interfaceName("wgb"), PORT);
    wgA.setAddress("100.64.0.1/24");
    wgB.setAddress("100.64.0.2/24");
    wgA.addPeer(wgB.publicKey(), "100.64.0.2/32", lab.underlay(2) + ":" + PORT, null);
    wgB.addPeer(
        wgA.publicKey(), "100.64.0.1/32", bKnowsA ? lab.underlay(1) + ":" + PORT : null, null);
    return new Peers(a, b, wgA, wgB);
  }

  @Test
  void the_flooders_initiations_get_handshake_responses_from_wireguard_go(Lab lab)
      throws Exception {
    var p = peers(lab, true);
    var flood = new ArrayList<Keys>();
    for (int i = 0; i < 64; i++) {
      flood.add(Keys.generate());
      p.wgB().addPeer(flood.get(i).publicBase64(), "100.65.0." + i + "/32", null, null);
    }
    var keys = lab.runDirectory().resolve("flood.keys");
    Files.write(keys, flood.stream().map(Keys::privateBase64).toList());

    var result =
        p.a()
            .exec(
                LabJava.command(
                    null,
                    Flooder.class,
                    "--target",
                    lab.underlay(2) + ":" + PORT,
                    "--responder-public-key",
                    p.wgB().publicKey(),
                    "--keys",
                    keys.toString(),
                    "--count",
                    "300",
                    "--seconds",
                    "10"));

    var m = Pattern.compile("responses=(\\d+) cookie-replies=(\\d+)").matcher(result.stdout());
    assertTrue(m.find(), result.stdout());
    // One invalid field would leave all 300 unanswered; a loaded machine may lose one or two.
    long answered = Long.parseLong(m.group(1));
    assertTrue(answered >= 290, "initiations answered: " + result.stdout());
    assertEquals(0, Long.parseLong(m.group(2)), "a closed loop never puts it under load");
  }

  @Test
  void a_burst_flood_puts_wireguard_go_under_load_and_a_legitimate_peer_still_gets_through(
      Lab lab) {
    var p = peers(lab, false);
    var flooder =
        CookieFlood.start(
            p.a(), lab.underlay(2) + ":" + PORT, p.wgB().publicKey(), Duration.ofSeconds(30));

    Await.until(
        "a ping from a to b through the tunnel",
        Duration.ofSeconds(40),
        () -> p.a().execAllowFail("ping", "-c", "1", "-W", "1", "100.64.0.2").ok());
    assertTrue(
        p.wgA().process().output().contains("Receiving cookie response"),
        "a's initiation met no cookie:\n" + p.wgA().process().output());
    flooder.awaitOutput(Pattern.compile("done sent="), Duration.ofSeconds(30));
  }

  @Test
  void eight_mebibytes_cross_a_wireguard_go_tunnel_with_matching_hashes(Lab lab) {
    var p = peers(lab, true);
    String expected = ByteTransfer.expectedSha256(5, 8L << 20);
    var sink = LabJava.start(p.b(), "sink", ByteTransfer.class, "sink", "--port", "9000");
    sink.awaitOutput(Pattern.compile("listening"), Duration.ofSeconds(20));

    var source =
        p.a()
            .exec(
                LabJava.command(
                    null,
                    ByteTransfer.class,
                    List.of(
                            "source",
                            "--to",
                            "100.64.0.2:9000",
                            "--bytes",
                            "8388608",
                            "--seed",
                            "5")
                        .toArray(String[]::new)));

    assertTrue(source.stdout().contains("sha256=" + expected), source.stdout());
    sink.awaitOutput(
        Pattern.compile("received bytes=8388608 sha256=" + expected), Duration.ofSeconds(20));
  }
}
