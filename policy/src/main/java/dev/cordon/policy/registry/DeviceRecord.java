package dev.cordon.policy.registry;

import dev.cordon.policy.model.IpAddress;
import dev.cordon.policy.model.Posture;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One device as the compiler needs it. {@code site} is the location the device last reported (null
 * if none), checked by rules' {@code sites} condition. {@code deviceType} (empty if none) and
 * {@code segments} are what the enrollment token said: the type is seen by selectors as the label
 * {@code type}, and each named segment counts the device as an explicit member.
 */
public record DeviceRecord(
    String id,
    String name,
    byte[] publicKey,
    IpAddress overlayAddress,
    Map<String, String> labels,
    String deviceType,
    Set<String> segments,
    DeviceStatus status,
    Posture posture,
    String site) {

  public static final int KEY_LENGTH = 32;

  /** The label under which selectors see the device type. */
  public static final String TYPE_LABEL = "type";

  public DeviceRecord {
    Objects.requireNonNull(id, "id");
    if (publicKey.length != KEY_LENGTH) {
      throw new IllegalArgumentException("a WireGuard public key is 32 bytes");
    }
    publicKey = publicKey.clone();
    labels = Map.copyOf(labels);
    deviceType = deviceType == null ? "" : deviceType;
    segments = Set.copyOf(segments);
    posture = posture == null ? Posture.UNKNOWN : posture;
  }

  /** A device without a token type or token segments. */
  public DeviceRecord(
      String id,
      String name,
      byte[] publicKey,
      IpAddress overlayAddress,
      Map<String, String> labels,
      DeviceStatus status,
      Posture posture,
      String site) {
    this(id, name, publicKey, overlayAddress, labels, "", Set.of(), status, posture, site);
  }

  /**
   * The labels selectors match: the device's labels, plus {@code type} set to the device type. An
   * explicit {@code type} label wins, because an admin set it after (or instead of) the token.
   */
  public Map<String, String> selectorLabels() {
    if (deviceType.isEmpty() || labels.containsKey(TYPE_LABEL)) return labels;
    Map<String, String> out = new HashMap<>(labels);
    out.put(TYPE_LABEL, deviceType);
    return out;
  }

  @Override
  public byte[] publicKey() {
    return publicKey.clone();
  }

  public DeviceRecord withStatus(DeviceStatus s) {
    return new DeviceRecord(
        id, name, publicKey, overlayAddress, labels, deviceType, segments, s, posture, site);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DeviceRecord d
        && id.equals(d.id)
        && Objects.equals(name, d.name)
        && Arrays.equals(publicKey, d.publicKey)
        && Objects.equals(overlayAddress, d.overlayAddress)
        && labels.equals(d.labels)
        && deviceType.equals(d.deviceType)
        && segments.equals(d.segments)
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
