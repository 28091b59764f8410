package dev.cordon.client.wgquick;

import dev.cordon.client.cli.Formats;
import dev.cordon.client.identity.AtomicFiles;
import dev.cordon.client.identity.WireGuardKeyPair;
import dev.cordon.proto.v1.DevicePeer;
import dev.cordon.proto.v1.DeviceTable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * Renders a wg-quick(8) configuration from a device table. Only the table's peers appear, each with
 * exactly the prefixes the table allows, so a stock WireGuard device routes nothing policy did not
 * grant; the gateway enforces the same rules again on its side. The file holds the private key and
 * is written 0600.
 */
public final class WgQuickConfig {

  private WgQuickConfig() {}

  /** The configuration text. */
  public static String render(WireGuardKeyPair keys, String deviceId, DeviceTable table) {
    StringBuilder text = new StringBuilder();
    text.append("# wg-quick configuration for Cordon device ")
        .append(deviceId)
        .append(" (table version ")
        .append(table.getVersion())
        .append(", policy version ")
        .append(table.getPolicyVersion())
        .append(").\n")
        .append("# It holds the device's private key: keep it 0600.\n")
        .append("[Interface]\n")
        .append("PrivateKey = ")
        .append(keys.privateKeyBase64())
        .append('\n')
        .append("Address = ")
        .append(hostPrefix(Formats.address(table.getOverlayAddress())))
        .append('\n');
    for (DevicePeer peer : table.getPeersList()) {
      text.append('\n');
      peer(text, peer);
    }
    return text.toString();
  }

  /** Writes the configuration atomically, created 0600. */
  public static void write(Path file, String config) throws IOException {
    AtomicFiles.write(file, config.getBytes(StandardCharsets.UTF_8), AtomicFiles.PRIVATE);
  }

  private static void peer(StringBuilder text, DevicePeer peer) {
    if (!peer.getIdentity().getName().isEmpty()) {
      text.append("# ").append(peer.getIdentity().getName()).append('\n');
    }
    text.append("[Peer]\n")
        .append("PublicKey = ")
        .append(Formats.key(peer.getWireguardPublicKey().toByteArray()))
        .append('\n');
    if (peer.getEndpointsCount() > 0) {
      // wg-quick takes one endpoint; the table lists them in order of preference.
      text.append("Endpoint = ").append(Formats.endpoint(peer.getEndpoints(0))).append('\n');
    }
    List<String> allowed = peer.getAllowedPrefixesList().stream().map(Formats::prefix).toList();
    if (allowed.isEmpty()) {
      text.append("# No prefixes allowed by policy yet.\n");
    } else {
      text.append("AllowedIPs = ").append(String.join(", ", allowed)).append('\n');
    }
    if (peer.getPersistentKeepaliveSeconds() > 0) {
      text.append("PersistentKeepalive = ")
          .append(peer.getPersistentKeepaliveSeconds())
          .append('\n');
    }
  }

  private static String hostPrefix(String address) {
    return address + (address.contains(":") ? "/128" : "/32");
  }
}
