package dev.cordon.gateway.enforce;

import dev.cordon.policy.eval.DenyReason;
import dev.cordon.policy.model.IpAddress;
import dev.cordon.policy.model.IpPrefix;
import dev.cordon.policy.registry.DeviceStatus;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One table entry as enforcement uses it: who the key belongs to, which inner sources it may use
 * (its overlay address plus {@code sourcePrefixes}), its status and segments, and the allow rules
 * it may not use because the controller found its posture or site lacking ({@code unmet}: rule id
 * to the reason to name).
 */
public record GatewayPeer(
    PeerKey key,
    String deviceId,
    String spiffeId,
    IpAddress overlay,
    List<IpPrefix> sourcePrefixes,
    Set<String> segments,
    DeviceStatus status,
    Map<String, DenyReason> unmet,
    boolean stockWireguard) {

  public GatewayPeer {
    sourcePrefixes = List.copyOf(sourcePrefixes);
    segments = Set.copyOf(segments);
    unmet = Map.copyOf(unmet);
  }

  /** Whether this peer may put {@code hi:lo} in a packet's source field (cryptokey routing). */
  public boolean maySend(long hi, long lo) {
    if (overlay.hi() == hi && overlay.lo() == lo) return true;
    for (int i = 0; i < sourcePrefixes.size(); i++) {
      if (sourcePrefixes.get(i).contains(hi, lo)) return true;
    }
    return false;
  }

  /** Whether the address is this peer's, by overlay address or an originated prefix. */
  public boolean owns(long hi, long lo) {
    return maySend(hi, lo);
  }
}
