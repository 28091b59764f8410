package dev.cordon.client.device;

import com.google.protobuf.ByteString;
import dev.cordon.proto.v1.DevicePeer;
import dev.cordon.proto.v1.DeviceTable;
import dev.cordon.proto.v1.DeviceTableDelta;
import dev.cordon.proto.v1.DeviceTableUpdate;
import dev.cordon.proto.v1.FlowRule;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Applies the updates of a device's table stream: a snapshot replaces the table, a delta applies
 * only on top of exactly its {@code from_version} (removals, then changes, then additions).
 */
public final class DeviceTables {

  private DeviceTables() {}

  /**
   * The table after {@code update}, or empty when the delta does not fit {@code current} and the
   * stream must be restarted from the last good version.
   */
  public static Optional<DeviceTable> apply(DeviceTable current, DeviceTableUpdate update) {
    return switch (update.getUpdateCase()) {
      case SNAPSHOT -> Optional.of(update.getSnapshot());
      case DELTA -> applyDelta(current, update.getDelta());
      case UPDATE_NOT_SET -> Optional.empty();
    };
  }

  private static Optional<DeviceTable> applyDelta(DeviceTable current, DeviceTableDelta delta) {
    if (current == null || current.getVersion() != delta.getFromVersion()) {
      return Optional.empty();
    }
    Map<ByteString, DevicePeer> peers = new LinkedHashMap<>();
    current.getPeersList().forEach(p -> peers.put(p.getWireguardPublicKey(), p));
    delta.getRemovedPeerKeysList().forEach(peers::remove);
    delta.getChangedPeersList().forEach(p -> peers.put(p.getWireguardPublicKey(), p));
    delta.getAddedPeersList().forEach(p -> peers.put(p.getWireguardPublicKey(), p));
    Map<String, FlowRule> rules = new LinkedHashMap<>();
    current.getInboundRulesList().forEach(r -> rules.put(r.getRuleId(), r));
    delta.getRemovedRuleIdsList().forEach(rules::remove);
    delta.getChangedRulesList().forEach(r -> rules.put(r.getRuleId(), r));
    delta.getAddedRulesList().forEach(r -> rules.put(r.getRuleId(), r));
    DeviceTable.Builder next =
        current.toBuilder()
            .setVersion(delta.getToVersion())
            .setPolicyVersion(delta.getPolicyVersion())
            .setCompiledAt(delta.getCompiledAt())
            .clearPeers()
            .addAllPeers(peers.values())
            .clearInboundRules()
            .addAllInboundRules(rules.values());
    if (delta.hasStatus()) {
      next.setStatus(delta.getStatus());
    }
    if (delta.getSegmentsChanged()) {
      next.clearSegments().addAllSegments(delta.getSegmentsList());
    }
    return Optional.of(next.build());
  }
}
