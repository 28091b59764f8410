package dev.cordon.controller.tables;

import dev.cordon.policy.compile.GatewayDelta;
import dev.cordon.policy.compile.GatewayTable;
import java.time.Instant;
import java.util.Set;

/** One message to a gateway: first a whole table, then deltas on top of what it holds. */
public sealed interface GatewayUpdate {
  /** The table version the gateway holds after applying this update. */
  long version();

  long policyVersion();

  Instant compiledAt();

  /** The whole table at {@code table.version()}; replaces whatever the gateway held. */
  record Snapshot(GatewayTable table, long policyVersion, Instant compiledAt)
      implements GatewayUpdate {
    @Override
    public long version() {
      return table.version();
    }
  }

  /**
   * A change to apply on top of exactly {@code delta.fromVersion()}. When the allow rules with
   * posture or site conditions change, every peer present before and after is listed as changed,
   * since a peer's unmet conditions depend on them (they are recomputed by whoever maps it); any
   * other rule change lists only the peers that changed themselves.
   */
  record Delta(GatewayDelta delta, long policyVersion, Instant compiledAt, Set<String> revokedPeers)
      implements GatewayUpdate {
    /** {@code revokedPeers}: the removed peers' device ids whose device is now revoked. */
    public Delta {
      revokedPeers = Set.copyOf(revokedPeers);
    }

    @Override
    public long version() {
      return delta.toVersion();
    }
  }
}
