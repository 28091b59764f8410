package dev.cordon.policy.compile;

import dev.cordon.policy.model.IpAddress;
import dev.cordon.policy.model.Posture;
import dev.cordon.policy.registry.DeviceStatus;
import java.util.Arrays;
import java.util.Collections;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * A device a gateway may answer: its WireGuard key, identity, overlay address and segments, plus
 * the posture and site its first-packet conditions are checked against. Status is ACTIVE or
 * QUARANTINED; a quarantined peer's only segment is the quarantine segment.
 */
public record AuthorizedPeer(
    String deviceId,
    String name,
    byte[] publicKey,
    IpAddress overlayAddress,
    Set<String> segments,
    DeviceStatus status,
    Posture posture,
    String site) {

  public AuthorizedPeer {
    publicKey = publicKey.clone();
    segments = Collections.unmodifiableSet(new TreeSet<>(segments));
  }

  @Override
  public byte[] publicKey() {
    return publicKey.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o == this
        || o instanceof AuthorizedPeer p
            && deviceId.equals(p.deviceId)
            && Objects.equals(name, p.name)
            && Arrays.equals(publicKey, p.publicKey)
            && Objects.equals(overlayAddress, p.overlayAddress)
            && segments.equals(p.segments)
            && status == p.status
            && posture.equals(p.posture)
            && Objects.equals(site, p.site);
  }

  @Override
  public int hashCode() {
    return Objects.hash(deviceId, Arrays.hashCode(publicKey), overlayAddress, segments, status);
  }

  @Override
  public String toString() {
    return "AuthorizedPeer["
        + deviceId
        + " "
        + overlayAddress
        + " "
        + segments
        + " "
        + status
        + "]";
  }
}
