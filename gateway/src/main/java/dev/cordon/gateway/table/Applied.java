package dev.cordon.gateway.table;

import dev.cordon.gateway.enforce.GatewayPeer;
import dev.cordon.gateway.enforce.PeerKey;
import dev.cordon.gateway.enforce.PolicySnapshot;
import java.util.List;
import java.util.Set;

/**
 * The result of applying one update: the new version's policy, the device operations it needs, and
 * the peers whose live flows must be re-checked before it is acknowledged (revoked, removed or
 * quarantined, as they were before the update).
 */
public record Applied(
    long version,
    PolicySnapshot policy,
    List<PeerOp> ops,
    List<GatewayPeer> cut,
    Set<PeerKey> revoked) {
  /** {@code revoked}: the keys removed because the controller says their device is revoked. */
  public Applied {
    ops = List.copyOf(ops);
    cut = List.copyOf(cut);
    revoked = Set.copyOf(revoked);
  }
}
