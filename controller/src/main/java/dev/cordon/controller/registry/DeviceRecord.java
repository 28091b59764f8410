package dev.cordon.controller.registry;

import dev.cordon.controller.ca.WireGuardPublicKey;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A device as the registry holds it. Posture is kept as the attribute names the agent reports
 * ({@code os_version}, {@code firmware_version}...), so the policy side reads conditions from it
 * without this package knowing each attribute.
 */
public record DeviceRecord(
    String id,
    String name,
    String deviceType,
    Map<String, String> labels,
    List<String> segments,
    DeviceStatus status,
    String statusReason,
    Instant statusChangedAt,
    WireGuardPublicKey wireGuardKey,
    boolean stockWireGuard,
    InetAddress overlayAddress,
    Credential credential,
    Map<String, String> posture,
    Optional<Instant> postureReceivedAt,
    Optional<Instant> lastSeen,
    Instant enrolledAt,
    String tokenId) {

  public DeviceRecord {
    Objects.requireNonNull(id);
    Objects.requireNonNull(status);
    Objects.requireNonNull(wireGuardKey);
    Objects.requireNonNull(overlayAddress);
    Objects.requireNonNull(credential);
    labels = Map.copyOf(labels);
    segments = List.copyOf(segments);
    posture = Map.copyOf(posture);
  }

  public DeviceRecord withStatus(DeviceStatus newStatus, String reason, Instant at) {
    return new DeviceRecord(
        id,
        name,
        deviceType,
        labels,
        segments,
        newStatus,
        reason,
        at,
        wireGuardKey,
        stockWireGuard,
        overlayAddress,
        credential,
        posture,
        postureReceivedAt,
        lastSeen,
        enrolledAt,
        tokenId);
  }

  public DeviceRecord withCredential(Credential renewed, Instant at) {
    return new DeviceRecord(
        id,
        name,
        deviceType,
        labels,
        segments,
        status,
        statusReason,
        statusChangedAt,
        wireGuardKey,
        stockWireGuard,
        overlayAddress,
        renewed,
        posture,
        postureReceivedAt,
        Optional.of(at),
        enrolledAt,
        tokenId);
  }

  public DeviceRecord withPosture(Map<String, String> reported, Instant at) {
    return new DeviceRecord(
        id,
        name,
        deviceType,
        labels,
        segments,
        status,
        statusReason,
        statusChangedAt,
        wireGuardKey,
        stockWireGuard,
        overlayAddress,
        credential,
        reported,
        Optional.of(at),
        Optional.of(at),
        enrolledAt,
        tokenId);
  }

  public byte[] encode() {
    StoredFields f =
        StoredFields.create()
            .put("id", id)
            .put("name", name)
            .put("type", deviceType)
            .putMap("labels", labels)
            .putList("segments", segments)
            .put("status", status.name())
            .put("statusReason", statusReason)
            .put("statusChangedAt", statusChangedAt)
            .put("wg", wireGuardKey.base64())
            .put("stock", stockWireGuard)
            .put("address", overlayAddress.getHostAddress())
            .putMap("posture", posture)
            .put("postureAt", postureReceivedAt)
            .put("lastSeen", lastSeen)
            .put("enrolledAt", enrolledAt)
            .put("token", tokenId);
    credential.write(f);
    return f.encode();
  }

  public static DeviceRecord decode(byte[] bytes) {
    StoredFields f = StoredFields.decode(bytes);
    return new DeviceRecord(
        f.get("id"),
        f.get("name"),
        f.get("type"),
        f.getMap("labels"),
        f.getList("segments"),
        DeviceStatus.valueOf(f.get("status")),
        f.get("statusReason"),
        f.getInstant("statusChangedAt"),
        WireGuardPublicKey.ofBase64(f.get("wg")),
        f.getBoolean("stock"),
        address(f.get("address")),
        Credential.read(f),
        f.getMap("posture"),
        f.findInstant("postureAt"),
        f.findInstant("lastSeen"),
        f.getInstant("enrolledAt"),
        f.get("token"));
  }

  /**
   * What policy compilation reads of a device. The table feed decodes one per device event and one
   * per device at every resync; skipping the certificate (parsing it was the costliest part of a
   * decode) keeps that cheap.
   */
  public record Placement(
      String id,
      String name,
      String deviceType,
      Map<String, String> labels,
      List<String> segments,
      DeviceStatus status,
      WireGuardPublicKey wireGuardKey,
      InetAddress overlayAddress,
      Map<String, String> posture) {}

  public Placement placement() {
    return new Placement(
        id, name, deviceType, labels, segments, status, wireGuardKey, overlayAddress, posture);
  }

  /** The {@link Placement} of a stored record, without reading its certificates. */
  public static Placement decodePlacement(byte[] bytes) {
    StoredFields f = StoredFields.decode(bytes);
    return new Placement(
        f.get("id"),
        f.get("name"),
        f.get("type"),
        Map.copyOf(f.getMap("labels")),
        List.copyOf(f.getList("segments")),
        DeviceStatus.valueOf(f.get("status")),
        WireGuardPublicKey.ofBase64(f.get("wg")),
        address(f.get("address")),
        Map.copyOf(f.getMap("posture")));
  }

  static InetAddress address(String literal) {
    try {
      // Only ever a literal we wrote ourselves: no name lookup happens.
      return InetAddress.getByName(literal);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("stored address is not a literal: " + literal, e);
    }
  }
}
