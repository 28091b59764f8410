package dev.cordon.tunnel;

import dev.cordon.tunnel.allowedips.IpPrefix;
import java.net.InetSocketAddress;
import java.util.Base64;
import java.util.List;

/**
 * One peer of a {@link WireGuardDevice}, as a wg-quick [Peer] section describes it.
 *
 * @param publicKey the peer's X25519 public key, 32 bytes
 * @param presharedKey 32 bytes, or null for none
 * @param endpoint where to reach the peer until it is heard from elsewhere, or null
 * @param allowedIps the inner addresses the peer may send from and that are routed to it
 * @param persistentKeepalive seconds between keepalives, 0 for none
 */
public record PeerConfig(
    byte[] publicKey,
    byte[] presharedKey,
    InetSocketAddress endpoint,
    List<IpPrefix> allowedIps,
    int persistentKeepalive) {
  public PeerConfig {
    if (publicKey == null || publicKey.length != 32) {
      throw new IllegalArgumentException("a peer's public key is 32 bytes");
    }
    if (presharedKey != null && presharedKey.length != 32) {
      throw new IllegalArgumentException("a preshared key is 32 bytes");
    }
    if (persistentKeepalive < 0 || persistentKeepalive > 65535) {
      throw new IllegalArgumentException("persistent keepalive outside 0..65535 s");
    }
    publicKey = publicKey.clone();
    presharedKey = presharedKey == null ? null : presharedKey.clone();
    allowedIps = List.copyOf(allowedIps);
  }

  /** The public key in base64, as WireGuard tools print it. */
  public String name() {
    return Base64.getEncoder().encodeToString(publicKey);
  }

  @Override
  public byte[] publicKey() {
    return publicKey.clone();
  }

  @Override
  public byte[] presharedKey() {
    return presharedKey == null ? null : presharedKey.clone();
  }

  @Override
  public String toString() {
    // Never print the preshared key.
    return "PeerConfig[" + name() + ", endpoint=" + endpoint + ", allowedIps=" + allowedIps + "]";
  }
}
