package dev.cordon.client.identity;

import java.time.Instant;
import java.util.Objects;

/**
 * What a device knows about itself after enrolling, besides its keys and certificates.
 *
 * @param deviceId the id the controller assigned
 * @param spiffeId the identity in its certificate
 * @param overlayAddress its overlay address, e.g. "100.64.0.7"
 * @param controllerAddress where it reaches the controller, "host:port"
 * @param trustDomain the deployment's trust domain
 * @param enrolledAt when it enrolled, by its own clock
 * @param stockWireGuard whether the keys are for a stock WireGuard device (wg-quick)
 */
public record DeviceIdentity(
    String deviceId,
    String spiffeId,
    String overlayAddress,
    String controllerAddress,
    String trustDomain,
    Instant enrolledAt,
    boolean stockWireGuard) {

  public DeviceIdentity {
    Objects.requireNonNull(deviceId, "deviceId");
    Objects.requireNonNull(spiffeId, "spiffeId");
    Objects.requireNonNull(overlayAddress, "overlayAddress");
    Objects.requireNonNull(controllerAddress, "controllerAddress");
    Objects.requireNonNull(trustDomain, "trustDomain");
    Objects.requireNonNull(enrolledAt, "enrolledAt");
  }
}
