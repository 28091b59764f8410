package dev.cordon.controller.identity;

import dev.cordon.controller.audit.AuditAction;
import dev.cordon.controller.audit.AuditLog;
import dev.cordon.controller.audit.AuditOutcome;
import dev.cordon.controller.ca.CertificateAuthority;
import dev.cordon.controller.ca.IdentityStatus;
import dev.cordon.controller.ca.Principal;
import dev.cordon.controller.ca.PrincipalKind;
import dev.cordon.controller.ca.Registration;
import dev.cordon.controller.ca.RenewalDecision;
import dev.cordon.controller.ca.RenewalPolicy;
import dev.cordon.controller.ca.WireGuardPublicKey;
import dev.cordon.controller.registry.DeviceRecord;
import dev.cordon.controller.registry.GatewayRecord;
import dev.cordon.controller.registry.Registry;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;

/**
 * Renews a device's or gateway's certificate from a CSR. The caller is the verified principal of
 * the TLS session and {@code presented} its certificate; the registry's status and the 2/3-of-life
 * rule decide, and the subject and WireGuard key come from the registry. Safe to retry: each
 * success issues another certificate.
 */
public final class Renewal {

  private final Registry registry;
  private final CertificateAuthority ca;
  private final AuditLog audit;
  private final Clock clock;

  public Renewal(Registry registry, CertificateAuthority ca, AuditLog audit, Clock clock) {
    this.registry = registry;
    this.ca = ca;
    this.audit = audit;
    this.clock = clock;
  }

  public Renewed renew(Principal caller, X509Certificate presented, byte[] csr) {
    Instant now = clock.instant();
    String target = caller.kind().pathSegment() + "/" + caller.name();
    return switch (caller.kind()) {
      case DEVICE -> {
        DeviceRecord device = registry.device(caller.name());
        X509Certificate issued =
            issue(
                now,
                caller,
                target,
                presented,
                device.status().identityStatus(),
                device.wireGuardKey(),
                csr);
        registry.renewed(
            device.id(), device.credential().renewedTo(issued), success(caller, target, issued));
        yield new Renewed(issued, ca.bundle());
      }
      case GATEWAY -> {
        GatewayRecord gateway = registry.gateway(caller.name());
        X509Certificate issued =
            issue(
                now,
                caller,
                target,
                presented,
                gateway.status().identityStatus(),
                gateway.wireGuardKey(),
                csr);
        registry.renewedGateway(
            gateway.name(),
            gateway.credential().renewedTo(issued),
            success(caller, target, issued));
        yield new Renewed(issued, ca.bundle());
      }
      case ADMIN, CONTROLLER ->
          throw new IllegalArgumentException(
              "only devices and gateways renew through this call, not a "
                  + caller.kind().pathSegment());
    };
  }

  private X509Certificate issue(
      Instant now,
      Principal caller,
      String target,
      X509Certificate presented,
      IdentityStatus status,
      WireGuardPublicKey key,
      byte[] csr) {
    if (RenewalPolicy.decide(now, presented, status, false)
        instanceof RenewalDecision.Refused refused) {
      audit.append(
          caller.toString(),
          AuditAction.RENEW,
          target,
          AuditOutcome.DENIED,
          "",
          refused.reason().name());
      throw new RenewalRefused(refused.reason(), refused.detail());
    }
    Registration registration =
        caller.kind() == PrincipalKind.DEVICE
            ? Registration.device(caller, key)
            : Registration.gateway(caller, key);
    try {
      return ca.issue(now, registration, csr);
    } catch (RuntimeException e) {
      audit.append(
          caller.toString(),
          AuditAction.RENEW,
          target,
          AuditOutcome.FAILED,
          "",
          e instanceof dev.cordon.controller.ca.IssuanceRefused r ? r.reason().name() : "error");
      throw e;
    }
  }

  private dev.cordon.controller.store.Op success(
      Principal caller, String target, X509Certificate issued) {
    return audit.entry(
        caller.toString(),
        AuditAction.RENEW,
        target,
        AuditOutcome.SUCCESS,
        "serial "
            + issued.getSerialNumber().toString(16)
            + " until "
            + issued.getNotAfter().toInstant(),
        "");
  }
}
