package dev.cordon.controller.ca;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * How long certificates live, per kind, and how far their start is backdated so that a device whose
 * clock runs a little behind the controller's can use a certificate at once.
 */
public record IssuanceOptions(Map<PrincipalKind, Duration> lifetimes, Duration backdate) {

  /** Devices 24 h (DESIGN.md §3); gateways too; admins a working day; controllers 30 days. */
  public static final IssuanceOptions DEFAULT =
      new IssuanceOptions(
          Map.of(
              PrincipalKind.DEVICE, Duration.ofHours(24),
              PrincipalKind.GATEWAY, Duration.ofHours(24),
              PrincipalKind.ADMIN, Duration.ofHours(12),
              PrincipalKind.CONTROLLER, Duration.ofDays(30)),
          Duration.ofMinutes(5));

  public IssuanceOptions {
    Objects.requireNonNull(backdate, "backdate");
    lifetimes = Map.copyOf(lifetimes);
    for (PrincipalKind kind : PrincipalKind.values()) {
      Duration lifetime = lifetimes.get(kind);
      if (lifetime == null
          || lifetime.isNegative()
          || lifetime.compareTo(Duration.ofMinutes(1)) < 0) {
        throw new IllegalArgumentException(
            "lifetime for " + kind.pathSegment() + " must be at least one minute, got " + lifetime);
      }
    }
    if (backdate.isNegative() || backdate.compareTo(Duration.ofHours(1)) > 0) {
      throw new IllegalArgumentException("backdate must be between 0 and 1 h, got " + backdate);
    }
  }

  public Duration lifetime(PrincipalKind kind) {
    return lifetimes.get(kind);
  }

  /**
   * How far a {@code kind}'s certificates are backdated: the configured backdate, but at most a
   * tenth of the lifetime, so a short-lived certificate is not already past 2/3 of its validity
   * (its renewal point) when it is issued.
   */
  public Duration backdate(PrincipalKind kind) {
    Duration tenth = lifetime(kind).dividedBy(10);
    return backdate.compareTo(tenth) < 0 ? backdate : tenth;
  }

  public IssuanceOptions withLifetime(PrincipalKind kind, Duration lifetime) {
    Map<PrincipalKind, Duration> changed = new EnumMap<>(lifetimes);
    changed.put(kind, lifetime);
    return new IssuanceOptions(changed, backdate);
  }

  public IssuanceOptions withBackdate(Duration backdate) {
    return new IssuanceOptions(lifetimes, backdate);
  }
}
