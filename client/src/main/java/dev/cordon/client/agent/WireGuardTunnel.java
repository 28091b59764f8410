package dev.cordon.client.agent;

import dev.cordon.tunnel.PeerConfig;
import dev.cordon.tunnel.PeerStatus;
import dev.cordon.tunnel.WireGuardDevice;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The real {@link Tunnel}: a {@link WireGuardDevice} plus {@code ip} for address and routes. */
public final class WireGuardTunnel implements Tunnel {

  private final WireGuardDevice device;
  private final IpRoutes ip;

  private WireGuardTunnel(WireGuardDevice device) {
    this.device = device;
    this.ip = new IpRoutes(device.interfaceName());
  }

  /** Opens the TUN interface and the UDP socket (needs CAP_NET_ADMIN). */
  public static Tunnel open(String interfaceName, byte[] privateKey, InboundFilter filter)
      throws IOException {
    return new WireGuardTunnel(
        WireGuardDevice.builder()
            .interfaceName(interfaceName)
            .privateKey(privateKey)
            .policy(filter)
            .open());
  }

  @Override
  public void setPeer(PeerConfig peer) {
    device.setPeer(peer);
  }

  @Override
  public void removePeer(byte[] publicKey) {
    device.removePeer(publicKey);
  }

  @Override
  public void addAddress(String prefix) throws IOException {
    ip.addAddress(prefix);
  }

  @Override
  public void addRoute(String prefix) throws IOException {
    ip.addRoute(prefix);
  }

  @Override
  public void removeRoute(String prefix) throws IOException {
    ip.removeRoute(prefix);
  }

  @Override
  public List<PeerStatus> peers() {
    return device.peers();
  }

  @Override
  public Map<String, Long> drops() {
    Map<String, Long> out = new LinkedHashMap<>();
    device.drops().forEach((reason, count) -> out.put(reason.name(), count));
    return out;
  }

  @Override
  public void close() {
    // Closing the TUN removes the interface, and with it its address and routes.
    device.close();
  }
}
