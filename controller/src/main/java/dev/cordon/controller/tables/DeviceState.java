package dev.cordon.controller.tables;

import dev.cordon.policy.model.IpAddress;
import dev.cordon.policy.registry.DeviceStatus;
import java.util.Set;

/**
 * What a device's agent needs besides its peers: its status, overlay address (null when the
 * registry no longer has the device) and segments.
 */
public record DeviceState(DeviceStatus status, IpAddress overlayAddress, Set<String> segments) {
  public DeviceState {
    segments = Set.copyOf(segments);
  }

  /** A device the registry does not hold (deleted): nothing to reach, nothing to be. */
  static final DeviceState GONE = new DeviceState(DeviceStatus.REVOKED, null, Set.of());
}
