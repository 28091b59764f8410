package dev.cordon.policy.compile;

import java.util.List;

/** What one registry change did: the tables it touched, as deltas, and the new version. */
public record Changes(long version, List<GatewayDelta> gateways, List<DeviceDelta> devices) {
  public Changes {
    gateways = List.copyOf(gateways);
    devices = List.copyOf(devices);
  }

  public boolean isEmpty() {
    return gateways.isEmpty() && devices.isEmpty();
  }
}
