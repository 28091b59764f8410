package dev.cordon.policy.registry;

import dev.cordon.policy.model.IpAddress;
import dev.cordon.policy.model.Posture;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;

/**
 * One device as the compiler needs it. {@code site} is the location the device last reported (null
 * if none), checked by rules' {@code sites} condition.
 */
public record DeviceRecord(
    String id,
    String name,
    byte[] publicKey,
    IpAddress overlayAddress,
    Map<String, String> labels,
    DeviceStatus status,
    Posture posture,
    String site) {

  public static final int KEY_LENGTH = 32;

  public DeviceRecord {
    Objects.requireNonNull(id, "id");
    if (publicKey.length != KEY_LENGTH) {
      throw new IllegalArgumentException("a WireGuard public key is 32 bytes");
    }
    publicKey = publicKey.clone();
    labels = Map.copyOf(labels);
    posture = posture == null ? Posture.UNKNOWN : posture;
  }

  @Override
  public byte[] publicKey() {
    return publicKey.clone();
  }

  public DeviceRecord withStatus(DeviceStatus s) {
    return new DeviceRecord(id, name, publicKey, overlayAddress, labels, s, posture, site);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DeviceRecord d
        && id.equals(d.id)
        && Objects.equals(name, d.name)
        && Arrays.equals(publicKey, d.publicKey)
        && Objects.equals(overlayAddress, d.overlayAddress)
        && labels.equals(d.labels)
        && status == d.status
        && posture.equals(d.posture)
        && Objects.equals(site, d.site);
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, Arrays.hashCode(publicKey), overlayAddress, status);
  }

  @Override
  public String toString() {
    return "DeviceRecord[" + id + " " + name + " " + overlayAddress + " " + status + "]";
  }
}
