package dev.cordon.controller.tables;

import dev.cordon.controller.registry.GatewayRecord;
import dev.cordon.policy.compile.DeviceDelta;
import dev.cordon.policy.compile.DeviceTable;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * One message to a device: first its whole table, then deltas. {@code gateways} holds the registry
 * record (key, endpoints) of every gateway the update names, so that the message can be built
 * without another read. A gateway whose record changed appears among the delta's changed peers.
 */
public sealed interface DeviceUpdate {
  long version();

  long policyVersion();

  Instant compiledAt();

  Map<String, GatewayRecord> gateways();

  record Snapshot(
      DeviceTable table,
      DeviceState state,
      long policyVersion,
      Instant compiledAt,
      Map<String, GatewayRecord> gateways)
      implements DeviceUpdate {
    public Snapshot {
      gateways = Map.copyOf(gateways);
    }

    @Override
    public long version() {
      return table.version();
    }
  }

  /** {@code state} is present when the status, address or segments changed. */
  record Delta(
      DeviceDelta delta,
      Optional<DeviceState> state,
      long policyVersion,
      Instant compiledAt,
      Map<String, GatewayRecord> gateways)
      implements DeviceUpdate {
    public Delta {
      gateways = Map.copyOf(gateways);
    }

    @Override
    public long version() {
      return delta.toVersion();
    }
  }
}
