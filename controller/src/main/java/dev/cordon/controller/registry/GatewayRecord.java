package dev.cordon.controller.registry;

import dev.cordon.controller.ca.WireGuardPublicKey;
import java.net.InetAddress;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A gateway as the registry holds it. Endpoints ({@code host:port}) and protected prefixes ({@code
 * 10.20.0.0/16}) are kept as the text the gateway registered; the table side parses them.
 */
public record GatewayRecord(
    String name,
    DeviceStatus status,
    WireGuardPublicKey wireGuardKey,
    InetAddress overlayAddress,
    Credential credential,
    List<String> endpoints,
    List<String> protectedPrefixes,
    String softwareVersion,
    Optional<Instant> lastSeen,
    Instant enrolledAt,
    String tokenId) {

  public GatewayRecord {
    Objects.requireNonNull(name);
    Objects.requireNonNull(status);
    Objects.requireNonNull(wireGuardKey);
    endpoints = List.copyOf(endpoints);
    protectedPrefixes = List.copyOf(protectedPrefixes);
  }

  public GatewayRecord withRegistration(
      List<String> newEndpoints, List<String> prefixes, String version, Instant at) {
    return new GatewayRecord(
        name,
        status,
        wireGuardKey,
        overlayAddress,
        credential,
        newEndpoints,
        prefixes,
        version,
        Optional.of(at),
        enrolledAt,
        tokenId);
  }

  public GatewayRecord withCredential(Credential renewed, Instant at) {
    return new GatewayRecord(
        name,
        status,
        wireGuardKey,
        overlayAddress,
        renewed,
        endpoints,
        protectedPrefixes,
        softwareVersion,
        Optional.of(at),
        enrolledAt,
        tokenId);
  }

  public GatewayRecord withStatus(DeviceStatus newStatus) {
    return new GatewayRecord(
        name,
        newStatus,
        wireGuardKey,
        overlayAddress,
        credential,
        endpoints,
        protectedPrefixes,
        softwareVersion,
        lastSeen,
        enrolledAt,
        tokenId);
  }

  public byte[] encode() {
    StoredFields f =
        StoredFields.create()
            .put("name", name)
            .put("status", status.name())
            .put("wg", wireGuardKey.base64())
            .put("address", overlayAddress.getHostAddress())
            .putList("endpoints", endpoints)
            .putList("prefixes", protectedPrefixes)
            .put("version", softwareVersion)
            .put("lastSeen", lastSeen)
            .put("enrolledAt", enrolledAt)
            .put("token", tokenId);
    credential.write(f);
    return f.encode();
  }

  public static GatewayRecord decode(byte[] bytes) {
    StoredFields f = StoredFields.decode(bytes);
    return new GatewayRecord(
        f.get("name"),
        DeviceStatus.valueOf(f.get("status")),
        WireGuardPublicKey.ofBase64(f.get("wg")),
        DeviceRecord.address(f.get("address")),
        Credential.read(f),
        f.getList("endpoints"),
        f.getList("prefixes"),
        f.get("version"),
        f.findInstant("lastSeen"),
        f.getInstant("enrolledAt"),
        f.get("token"));
  }
}
