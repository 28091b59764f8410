package dev.cordon.tunnel.session;

import dev.cordon.tunnel.allowedips.IpPrefix;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * What the engine needs to know to add a peer.
 *
 * @param presharedKey 32 bytes, or null for none
 * @param endpoint where to send until the peer is heard from elsewhere, or null
 * @param persistentKeepalive seconds between keepalives, 0 for none
 */
public record PeerSpec(
    byte[] publicKey,
    byte[] presharedKey,
    InetSocketAddress endpoint,
    List<IpPrefix> allowedIps,
    int persistentKeepalive) {
  public PeerSpec {
    if (publicKey == null || publicKey.length != 32) {
      throw new IllegalArgumentException("a peer's public key is 32 bytes");
    }
    if (presharedKey != null && presharedKey.length != 32) {
      throw new IllegalArgumentException("a preshared key is 32 bytes");
    }
    if (persistentKeepalive < 0 || persistentKeepalive > 65535) {
      throw new IllegalArgumentException("persistent keepalive outside 0..65535 s");
    }
    allowedIps = List.copyOf(allowedIps);
  }
}
