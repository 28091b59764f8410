package dev.cordon.tunnel.tool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cordon.tunnel.PeerConfig;
import dev.cordon.tunnel.allowedips.IpPrefix;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WgQuickConfigTest {
  private static final String KEY_A = "YNqHbfBQKaGvzefSSNZoT5YpKQkBQYpQBmB1l3oS4nI=";
  private static final String KEY_B = "xTIBA5rboUvnH4htodjb6e697QjLERt1NAB4mZqp8Dg=";

  @Test
  void aWgQuickFileGivesTheInterfaceAndEveryPeerAndIgnoresAddress() throws Exception {
    WgQuickConfig c =
        WgQuickConfig.parse(
            List.of(
                "# lab peer",
                "[Interface]",
                "PrivateKey = " + KEY_A,
                "Address = 100.64.0.1/32",
                "ListenPort = 51820",
                "MTU = 1380",
                "",
                "[Peer]",
                "PublicKey = " + KEY_B,
                "PresharedKey = " + KEY_A,
                "Endpoint = 192.0.2.2:51821",
                "AllowedIPs = 100.64.0.2/32, fd00::/64",
                "PersistentKeepalive = 25"));
    assertEquals(51820, c.listenPort());
    assertEquals(1380, c.mtu());
    PeerConfig peer = c.peers().getFirst();
    assertEquals(KEY_B, peer.name());
    assertEquals(new InetSocketAddress("192.0.2.2", 51821), peer.endpoint());
    assertEquals(
        List.of(IpPrefix.parse("100.64.0.2/32"), IpPrefix.parse("fd00::/64")), peer.allowedIps());
    assertEquals(25, peer.persistentKeepalive());
  }

  @Test
  void aPeerWithoutEndpointOrPskIsFine() throws Exception {
    WgQuickConfig c =
        WgQuickConfig.parse(
            List.of("[Interface]", "PrivateKey=" + KEY_A, "[Peer]", "PublicKey=" + KEY_B));
    assertNull(c.peers().getFirst().endpoint());
    assertNull(c.peers().getFirst().presharedKey());
    assertEquals(1420, c.mtu());
  }

  @Test
  void aBadValueNamesItsLine() {
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () ->
                WgQuickConfig.parse(
                    List.of(
                        "[Interface]",
                        "PrivateKey = " + KEY_A,
                        "[Peer]",
                        "PublicKey = " + KEY_B,
                        "AllowedIPs = 100.64.0.300/32")));
    assertEquals(5, e.line());
    assertTrue(e.getMessage().startsWith("line 5: AllowedIPs"), e.getMessage());
  }

  @Test
  void aShortKeyAndAnUnknownKeyAreRefusedWithTheirLines() {
    ConfigException shortKey =
        assertThrows(
            ConfigException.class,
            () -> WgQuickConfig.parse(List.of("[Interface]", "PrivateKey = AAAA")));
    assertEquals(2, shortKey.line());
    ConfigException unknown =
        assertThrows(
            ConfigException.class,
            () -> WgQuickConfig.parse(List.of("[Interface]", "PrivateKey=" + KEY_A, "Colour=red")));
    assertEquals(3, unknown.line());
  }

  @Test
  void tunnelMainExitsWith2AndNamesTheLineOfABadFile(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("bad.conf");
    Files.writeString(file, "[Interface]\nPrivateKey = " + KEY_A + "\nListenPort = 70000\n");
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        TunnelMain.run(
            new String[] {"--interface", "dv0", "--config", file.toString()},
            new PrintStream(new ByteArrayOutputStream()),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    assertEquals(2, code);
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("line 3: ListenPort"), err.toString());
  }

  @Test
  void tunnelMainExitsWith2WithoutRequiredOptions() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        TunnelMain.run(
            new String[] {"--interface", "dv0"},
            new PrintStream(new ByteArrayOutputStream()),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    assertEquals(2, code);
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("--config"));
  }
}
