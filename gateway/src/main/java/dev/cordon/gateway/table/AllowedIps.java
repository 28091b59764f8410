package dev.cordon.gateway.table;

import dev.cordon.gateway.enforce.GatewayPeer;
import dev.cordon.policy.model.IpPrefix;
import java.util.ArrayList;
import java.util.List;

/** A peer's WireGuard allowed IPs: its overlay host route plus the prefixes it may originate. */
final class AllowedIps {
  private AllowedIps() {}

  static List<dev.cordon.tunnel.allowedips.IpPrefix> of(GatewayPeer p) {
    List<dev.cordon.tunnel.allowedips.IpPrefix> out = new ArrayList<>();
    out.add(convert(IpPrefix.host(p.overlay())));
    for (IpPrefix pre : p.sourcePrefixes()) out.add(convert(pre));
    return out;
  }

  private static dev.cordon.tunnel.allowedips.IpPrefix convert(IpPrefix p) {
    return dev.cordon.tunnel.allowedips.IpPrefix.parse(p.toString());
  }
}
