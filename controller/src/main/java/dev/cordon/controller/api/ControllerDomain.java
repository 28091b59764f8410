package dev.cordon.controller.api;

import dev.cordon.controller.audit.AuditLog;
import dev.cordon.controller.ca.CertificateAuthority;
import dev.cordon.controller.enroll.Enrollment;
import dev.cordon.controller.enroll.Tokens;
import dev.cordon.controller.identity.Administrators;
import dev.cordon.controller.identity.Renewal;
import dev.cordon.controller.registry.Registry;
import dev.cordon.controller.telemetry.Telemetry;
import dev.cordon.controller.telemetry.TelemetryLimits;
import java.time.Clock;
import java.util.Objects;

/** The domain services the gRPC layer delegates to; built once by whoever wires the controller. */
public record ControllerDomain(
    CertificateAuthority ca,
    Tokens tokens,
    Enrollment enrollment,
    Registry registry,
    Renewal renewal,
    Administrators administrators,
    AuditLog audit,
    Telemetry telemetry) {

  /** Without a store behind telemetry: gateways' records live in memory only (tests, tools). */
  public ControllerDomain(
      CertificateAuthority ca,
      Tokens tokens,
      Enrollment enrollment,
      Registry registry,
      Renewal renewal,
      Administrators administrators,
      AuditLog audit) {
    this(
        ca,
        tokens,
        enrollment,
        registry,
        renewal,
        administrators,
        audit,
        Telemetry.inMemory(Clock.systemUTC(), TelemetryLimits.DEFAULT));
  }

  public ControllerDomain {
    Objects.requireNonNull(ca);
    Objects.requireNonNull(tokens);
    Objects.requireNonNull(enrollment);
    Objects.requireNonNull(registry);
    Objects.requireNonNull(renewal);
    Objects.requireNonNull(administrators);
    Objects.requireNonNull(audit);
    Objects.requireNonNull(telemetry);
  }
}
