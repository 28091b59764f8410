package dev.cordon.lab.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class CordonTunnelConfigTest {
  @Test
  void the_config_is_wg_quick_style_and_leaves_out_what_a_peer_does_not_set() {
    var keys = Keys.generate();
    var full = new CordonTunnel.Peer("PUB1=", "PSK=", "192.0.2.12:51820", "100.64.0.2/32", 25);
    var bare = CordonTunnel.Peer.of("PUB2=", "100.65.0.0/32");

    String text = CordonTunnel.render(keys, 51820, 1420, List.of(full, bare));

    assertEquals(
        "[Interface]\nPrivateKey = "
            + keys.privateBase64()
            + "\nListenPort = 51820\nMTU = 1420\n"
            + "\n[Peer]\nPublicKey = PUB1=\nPresharedKey = PSK=\nEndpoint = 192.0.2.12:51820\n"
            + "AllowedIPs = 100.64.0.2/32\nPersistentKeepalive = 25\n"
            + "\n[Peer]\nPublicKey = PUB2=\nAllowedIPs = 100.65.0.0/32\n",
        text);
  }

  @Test
  void keys_print_only_their_public_half() {
    var keys = Keys.generate();

    assertEquals("Keys[public=" + keys.publicBase64() + "]", keys.toString());
  }
}
