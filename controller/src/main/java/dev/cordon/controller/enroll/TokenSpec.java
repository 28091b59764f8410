package dev.cordon.controller.enroll;

import dev.cordon.controller.ca.PrincipalKind;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** What a token makes of its redeemer. {@code name} empty: a device is named by its id. */
public record TokenSpec(
    PrincipalKind kind,
    String name,
    String deviceType,
    Map<String, String> labels,
    List<String> segments,
    Duration validFor,
    int maxUses,
    boolean approvalRequired) {

  public static final Duration DEFAULT_VALIDITY = Duration.ofHours(24);
  static final Duration MAX_VALIDITY = Duration.ofDays(365);
  static final int MAX_USES = 100_000;

  public TokenSpec {
    Objects.requireNonNull(kind, "kind");
    name = Objects.requireNonNullElse(name, "");
    deviceType = Objects.requireNonNullElse(deviceType, "");
    labels = Map.copyOf(labels);
    segments = List.copyOf(segments);
    if (!kind.hasTunnelKey()) {
      throw new IllegalArgumentException(
          "a token enrolls a device or a gateway, not a " + kind.pathSegment());
    }
    if (kind == PrincipalKind.GATEWAY && name.isEmpty()) {
      throw new IllegalArgumentException("a gateway token must name the gateway");
    }
    if (!name.isEmpty() && !name.matches("[A-Za-z0-9._-]{1,128}")) {
      throw new IllegalArgumentException(
          "token name '" + name + "' must be 1-128 of [A-Za-z0-9._-]");
    }
    if (validFor == null || validFor.isZero()) {
      validFor = DEFAULT_VALIDITY;
    }
    if (validFor.isNegative() || validFor.compareTo(MAX_VALIDITY) > 0) {
      throw new IllegalArgumentException("a token is valid for up to 365 days, not " + validFor);
    }
    if (maxUses == 0) {
      maxUses = 1;
    }
    if (maxUses < 0 || maxUses > MAX_USES) {
      throw new IllegalArgumentException("a token allows 1.." + MAX_USES + " uses, not " + maxUses);
    }
  }

  public static TokenSpec device(String name) {
    return new TokenSpec(
        PrincipalKind.DEVICE, name, "", Map.of(), List.of(), DEFAULT_VALIDITY, 1, false);
  }

  public TokenSpec withUses(int uses) {
    return new TokenSpec(
        kind, name, deviceType, labels, segments, validFor, uses, approvalRequired);
  }

  public TokenSpec withValidity(Duration validity) {
    return new TokenSpec(
        kind, name, deviceType, labels, segments, validity, maxUses, approvalRequired);
  }

  public TokenSpec withApprovalRequired(boolean required) {
    return new TokenSpec(kind, name, deviceType, labels, segments, validFor, maxUses, required);
  }
}
