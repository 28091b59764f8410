package dev.cordon.controller.api;

import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import dev.cordon.controller.audit.AuditEntry;
import dev.cordon.controller.ca.CaFingerprint;
import dev.cordon.controller.ca.Principal;
import dev.cordon.controller.ca.WireGuardKeyExtension;
import dev.cordon.controller.enroll.TokenInfo;
import dev.cordon.controller.enroll.TokenSpec;
import dev.cordon.controller.gateways.GatewayView;
import dev.cordon.controller.gateways.TableProgress;
import dev.cordon.controller.registry.AdminRecord;
import dev.cordon.controller.registry.AdminRole;
import dev.cordon.controller.registry.DeviceRecord;
import dev.cordon.controller.registry.DeviceStatus;
import dev.cordon.controller.registry.GatewayRecord;
import dev.cordon.proto.v1.AuditAction;
import dev.cordon.proto.v1.AuditEvent;
import dev.cordon.proto.v1.AuditOutcome;
import dev.cordon.proto.v1.Certificate;
import dev.cordon.proto.v1.Identity;
import dev.cordon.proto.v1.IpAddress;
import dev.cordon.proto.v1.KeyType;
import dev.cordon.proto.v1.PostureReport;
import dev.cordon.proto.v1.PrincipalKind;
import dev.cordon.proto.v1.PublicKey;
import dev.cordon.proto.v1.SecureBootState;
import dev.cordon.proto.v1.TokenState;
import java.net.InetAddress;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/** Domain records to proto messages and back; pure functions, no decisions. */
final class ProtoMapping {

  private ProtoMapping() {}

  static Timestamp timestamp(Instant instant) {
    return Timestamp.newBuilder()
        .setSeconds(instant.getEpochSecond())
        .setNanos(instant.getNano())
        .build();
  }

  static Instant instant(Timestamp timestamp) {
    return Instant.ofEpochSecond(timestamp.getSeconds(), timestamp.getNanos());
  }

  static IpAddress address(InetAddress address) {
    return IpAddress.newBuilder().setOctets(ByteString.copyFrom(address.getAddress())).build();
  }

  static ByteString der(X509Certificate certificate) {
    try {
      return ByteString.copyFrom(certificate.getEncoded());
    } catch (CertificateEncodingException e) {
      throw new IllegalStateException("cannot encode a certificate we issued", e);
    }
  }

  static Identity identity(Principal principal) {
    return Identity.newBuilder()
        .setKind(kind(principal.kind()))
        .setName(principal.name())
        .setSpiffeId(principal.spiffeId().toString())
        .build();
  }

  static PrincipalKind kind(dev.cordon.controller.ca.PrincipalKind kind) {
    return switch (kind) {
      case DEVICE -> PrincipalKind.PRINCIPAL_KIND_DEVICE;
      case GATEWAY -> PrincipalKind.PRINCIPAL_KIND_GATEWAY;
      case ADMIN -> PrincipalKind.PRINCIPAL_KIND_ADMIN;
      case CONTROLLER -> PrincipalKind.PRINCIPAL_KIND_CONTROLLER;
    };
  }

  static dev.cordon.controller.ca.PrincipalKind kind(PrincipalKind kind) {
    return switch (kind) {
      case PRINCIPAL_KIND_DEVICE -> dev.cordon.controller.ca.PrincipalKind.DEVICE;
      case PRINCIPAL_KIND_GATEWAY -> dev.cordon.controller.ca.PrincipalKind.GATEWAY;
      default ->
          throw new IllegalArgumentException("a token enrolls a DEVICE or a GATEWAY, not " + kind);
    };
  }

  static Certificate certificate(X509Certificate cert, X509Certificate issuer, Principal subject) {
    Certificate.Builder out =
        Certificate.newBuilder()
            .setDer(der(cert))
            .setSerial(cert.getSerialNumber().toString(16))
            .setIssuerFingerprint(
                ByteString.copyFrom(HexFormat.of().parseHex(CaFingerprint.of(issuer).hex())))
            .setNotBefore(timestamp(cert.getNotBefore().toInstant()))
            .setNotAfter(timestamp(cert.getNotAfter().toInstant()))
            .setSubject(identity(subject))
            .setPublicKey(
                PublicKey.newBuilder()
                    .setType(KeyType.KEY_TYPE_ECDSA_P256)
                    .setRaw(ByteString.copyFrom(cert.getPublicKey().getEncoded())));
    WireGuardKeyExtension.read(cert)
        .ifPresent(k -> out.setWireguardPublicKey(ByteString.copyFrom(k.bytes())));
    return out.build();
  }

  static dev.cordon.proto.v1.DeviceStatus status(DeviceStatus status) {
    return switch (status) {
      case PENDING -> dev.cordon.proto.v1.DeviceStatus.DEVICE_STATUS_PENDING;
      case ACTIVE -> dev.cordon.proto.v1.DeviceStatus.DEVICE_STATUS_ACTIVE;
      case QUARANTINED -> dev.cordon.proto.v1.DeviceStatus.DEVICE_STATUS_QUARANTINED;
      case REVOKED -> dev.cordon.proto.v1.DeviceStatus.DEVICE_STATUS_REVOKED;
    };
  }

  static DeviceStatus status(dev.cordon.proto.v1.DeviceStatus status) {
    return switch (status) {
      case DEVICE_STATUS_PENDING -> DeviceStatus.PENDING;
      case DEVICE_STATUS_ACTIVE -> DeviceStatus.ACTIVE;
      case DEVICE_STATUS_QUARANTINED -> DeviceStatus.QUARANTINED;
      case DEVICE_STATUS_REVOKED -> DeviceStatus.REVOKED;
      default -> null;
    };
  }

  /** {@code segments}: the device's segments as the current policy resolves them. */
  static dev.cordon.proto.v1.Device device(
      DeviceRecord d, List<String> segments, X509Certificate issuer, String domain) {
    Principal principal = Principal.device(d.id(), domain);
    dev.cordon.proto.v1.Device.Builder out =
        dev.cordon.proto.v1.Device.newBuilder()
            .setDeviceId(d.id())
            .setIdentity(identity(principal))
            .setName(d.name())
            .setDeviceType(d.deviceType())
            .putAllLabels(d.labels())
            .setStatus(status(d.status()))
            .addAllSegments(segments)
            .setOverlayAddress(address(d.overlayAddress()))
            .setWireguardPublicKey(ByteString.copyFrom(d.wireGuardKey().bytes()))
            .setStockWireguard(d.stockWireGuard())
            .setCertificate(certificate(d.credential().current(), issuer, principal))
            .setEnrolledAt(timestamp(d.enrolledAt()))
            .setTokenId(d.tokenId())
            .setStatusReason(d.statusReason())
            .setStatusChangedAt(timestamp(d.statusChangedAt()));
    d.lastSeen().ifPresent(t -> out.setLastSeen(timestamp(t)));
    d.postureReceivedAt().ifPresent(t -> out.setPostureReceivedAt(timestamp(t)));
    if (!d.posture().isEmpty()) {
      out.setPosture(posture(d.posture()));
    }
    return out.build();
  }

  static dev.cordon.proto.v1.Gateway gateway(
      GatewayRecord g, X509Certificate issuer, String domain) {
    Principal principal = Principal.gateway(g.name(), domain);
    dev.cordon.proto.v1.Gateway.Builder out =
        dev.cordon.proto.v1.Gateway.newBuilder()
            .setIdentity(identity(principal))
            .setWireguardPublicKey(ByteString.copyFrom(g.wireGuardKey().bytes()))
            .setOverlayAddress(address(g.overlayAddress()))
            .setSoftwareVersion(g.softwareVersion())
            .setEnrolledAt(timestamp(g.enrolledAt()))
            .setCertificate(certificate(g.credential().current(), issuer, principal));
    for (String endpoint : g.endpoints()) {
      int colon = endpoint.lastIndexOf(':');
      out.addEndpoints(
          dev.cordon.proto.v1.Endpoint.newBuilder()
              .setHost(endpoint.substring(0, colon))
              .setPort(Integer.parseInt(endpoint.substring(colon + 1))));
    }
    for (String prefix : g.protectedPrefixes()) {
      out.addProtectedPrefixes(prefix(prefix));
    }
    g.lastSeen().ifPresent(t -> out.setLastSeen(timestamp(t)));
    return out.build();
  }

  /** A gateway with what the table side and presence know of it. */
  static dev.cordon.proto.v1.Gateway gateway(
      GatewayView view, X509Certificate issuer, String domain) {
    TableProgress tables = view.tables();
    dev.cordon.proto.v1.Gateway.Builder out =
        gateway(view.record(), issuer, domain).toBuilder()
            .setConnected(view.connected())
            .setTargetVersion(tables.targetVersion())
            .setAppliedVersion(tables.appliedVersion())
            .setPeerCount(tables.peerCount());
    tables.appliedAt().ifPresent(t -> out.setAppliedAt(timestamp(t)));
    return out.build();
  }

  /** A prefix as the registry keeps it ({@code 10.20.0.0/16}, an address literal). */
  static dev.cordon.proto.v1.IpPrefix prefix(String text) {
    int slash = text.indexOf('/');
    try {
      return dev.cordon.proto.v1.IpPrefix.newBuilder()
          .setOctets(
              ByteString.copyFrom(InetAddress.ofLiteral(text.substring(0, slash)).getAddress()))
          .setLength(Integer.parseInt(text.substring(slash + 1)))
          .build();
    } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
      throw new IllegalStateException("stored protected prefix is not address/length: " + text, e);
    }
  }

  static dev.cordon.proto.v1.Admin admin(AdminRecord a, X509Certificate issuer, String domain) {
    Principal principal = Principal.admin(a.name(), domain);
    return dev.cordon.proto.v1.Admin.newBuilder()
        .setIdentity(identity(principal))
        .setRole(role(a.role()))
        .setCreatedAt(timestamp(a.createdAt()))
        .setCreatedBy(a.createdBy())
        .setCertificate(certificate(a.credential().current(), issuer, principal))
        .build();
  }

  static dev.cordon.proto.v1.AdminRole role(AdminRole role) {
    return switch (role) {
      case OWNER -> dev.cordon.proto.v1.AdminRole.ADMIN_ROLE_OWNER;
      case OPERATOR -> dev.cordon.proto.v1.AdminRole.ADMIN_ROLE_OPERATOR;
      case AUDITOR -> dev.cordon.proto.v1.AdminRole.ADMIN_ROLE_AUDITOR;
    };
  }

  static AdminRole role(dev.cordon.proto.v1.AdminRole role) {
    return switch (role) {
      case ADMIN_ROLE_OWNER -> AdminRole.OWNER;
      case ADMIN_ROLE_OPERATOR -> AdminRole.OPERATOR;
      case ADMIN_ROLE_AUDITOR -> AdminRole.AUDITOR;
      default ->
          throw new IllegalArgumentException("an admin needs a role: owner, operator or auditor");
    };
  }

  static TokenSpec spec(dev.cordon.proto.v1.TokenSpec spec) {
    return new TokenSpec(
        kind(spec.getKind()),
        spec.getName(),
        spec.getDeviceType(),
        spec.getLabelsMap(),
        spec.getSegmentsList(),
        spec.hasValidFor()
            ? Duration.ofSeconds(spec.getValidFor().getSeconds(), spec.getValidFor().getNanos())
            : Duration.ZERO,
        spec.getMaxUses(),
        spec.getApprovalRequired());
  }

  static dev.cordon.proto.v1.TokenInfo token(TokenInfo info) {
    TokenSpec spec = info.spec();
    return dev.cordon.proto.v1.TokenInfo.newBuilder()
        .setTokenId(info.id())
        .setSpec(
            dev.cordon.proto.v1.TokenSpec.newBuilder()
                .setKind(kind(spec.kind()))
                .setName(spec.name())
                .setDeviceType(spec.deviceType())
                .putAllLabels(spec.labels())
                .addAllSegments(spec.segments())
                .setValidFor(
                    com.google.protobuf.Duration.newBuilder()
                        .setSeconds(spec.validFor().getSeconds())
                        .setNanos(spec.validFor().getNano()))
                .setMaxUses(spec.maxUses())
                .setApprovalRequired(spec.approvalRequired()))
        .setState(TokenState.valueOf("TOKEN_STATE_" + info.state().name()))
        .setUses(info.uses())
        .setCreatedAt(timestamp(info.createdAt()))
        .setExpiresAt(timestamp(info.expiresAt()))
        .setCreatedBy(info.createdBy())
        .addAllEnrolled(info.enrolled())
        .build();
  }

  static AuditEvent audit(AuditEntry e) {
    AuditEvent.Builder out =
        AuditEvent.newBuilder()
            .setEventId(e.id())
            .setTime(timestamp(e.time()))
            .setAction(AuditAction.valueOf("AUDIT_ACTION_" + e.action().name()))
            .setTarget(e.target())
            .setOutcome(AuditOutcome.valueOf("AUDIT_OUTCOME_" + e.outcome().name()))
            .setChange(e.change())
            .setReason(e.reason())
            .setController(e.controller());
    if (e.principal().startsWith("spiffe://")) {
      out.setPrincipal(identity(Principal.fromSpiffeId(java.net.URI.create(e.principal()))));
    } else if (!e.principal().isEmpty()) {
      out.setPrincipal(Identity.newBuilder().setName(e.principal()));
    }
    return out.build();
  }

  static dev.cordon.controller.audit.AuditAction action(AuditAction action) {
    return dev.cordon.controller.audit.AuditAction.valueOf(
        action.name().substring("AUDIT_ACTION_".length()));
  }

  static Map<String, String> posture(PostureReport r) {
    Map<String, String> out = new HashMap<>();
    putIf(out, "os_name", r.getOsName());
    putIf(out, "os_version", r.getOsVersion());
    putIf(out, "kernel_version", r.getKernelVersion());
    putIf(out, "agent_version", r.getAgentVersion());
    putIf(out, "firmware_version", r.getFirmwareVersion());
    putIf(out, "patch_level", r.getPatchLevel());
    putIf(out, "site", r.getSite());
    putIf(out, "location", r.getLocation());
    if (r.getSecureBoot() != SecureBootState.SECURE_BOOT_STATE_UNSPECIFIED
        && r.getSecureBoot() != SecureBootState.UNRECOGNIZED) {
      out.put("secure_boot", r.getSecureBoot().name());
    }
    if (r.hasCollectedAt()) {
      out.put("collected_at", instant(r.getCollectedAt()).toString());
    }
    return out;
  }

  static PostureReport posture(Map<String, String> p) {
    PostureReport.Builder out =
        PostureReport.newBuilder()
            .setOsName(p.getOrDefault("os_name", ""))
            .setOsVersion(p.getOrDefault("os_version", ""))
            .setKernelVersion(p.getOrDefault("kernel_version", ""))
            .setAgentVersion(p.getOrDefault("agent_version", ""))
            .setFirmwareVersion(p.getOrDefault("firmware_version", ""))
            .setPatchLevel(p.getOrDefault("patch_level", ""))
            .setSite(p.getOrDefault("site", ""))
            .setLocation(p.getOrDefault("location", ""));
    if (p.containsKey("secure_boot")) {
      out.setSecureBoot(SecureBootState.valueOf(p.get("secure_boot")));
    }
    if (p.containsKey("collected_at")) {
      out.setCollectedAt(timestamp(Instant.parse(p.get("collected_at"))));
    }
    return out.build();
  }

  private static void putIf(Map<String, String> out, String key, String value) {
    if (!value.isEmpty()) {
      out.put(key, value);
    }
  }
}
