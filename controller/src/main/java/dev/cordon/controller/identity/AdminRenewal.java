package dev.cordon.controller.identity;

import dev.cordon.controller.audit.AuditAction;
import dev.cordon.controller.audit.AuditLog;
import dev.cordon.controller.audit.AuditOutcome;
import dev.cordon.controller.ca.CertificateAuthority;
import dev.cordon.controller.ca.IdentityStatus;
import dev.cordon.controller.ca.IssuanceRefused;
import dev.cordon.controller.ca.Principal;
import dev.cordon.controller.ca.PrincipalKind;
import dev.cordon.controller.ca.Registration;
import dev.cordon.controller.ca.RenewalDecision;
import dev.cordon.controller.ca.RenewalPolicy;
import dev.cordon.controller.ca.RevocationList;
import dev.cordon.controller.registry.AdminRecord;
import dev.cordon.controller.registry.ContentionException;
import dev.cordon.controller.registry.NotFoundException;
import dev.cordon.controller.registry.StoreKeys;
import dev.cordon.controller.store.Compare;
import dev.cordon.controller.store.KeyValue;
import dev.cordon.controller.store.Op;
import dev.cordon.controller.store.Store;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;

/**
 * Renews administrators' certificates, which live only hours, so that an admin is never locked out
 * by the calendar. Two ways in: the admin itself over mTLS (identity from the TLS session, the
 * 2/3-of-life rule unless forced), and {@link #recover} on the controller host, whose CA key on
 * disk is the authority when the old credential has already expired. A revoked admin gets neither.
 * Both record the new certificate in the admin's record and the audit entry in one transaction.
 * Safe to retry: each success issues another certificate.
 */
public final class AdminRenewal {

  private static final int ATTEMPTS = 8;

  private final Store store;
  private final CertificateAuthority ca;
  private final RevocationList revocations;
  private final AuditLog audit;
  private final Clock clock;

  public AdminRenewal(
      Store store,
      CertificateAuthority ca,
      RevocationList revocations,
      AuditLog audit,
      Clock clock) {
    this.store = store;
    this.ca = ca;
    this.revocations = revocations;
    this.audit = audit;
    this.clock = clock;
  }

  /** The calling admin renews itself; {@code presented} is its TLS session's certificate. */
  public Renewed renew(Principal caller, X509Certificate presented, byte[] csr, boolean forced) {
    if (caller.kind() != PrincipalKind.ADMIN) {
      throw new IllegalArgumentException(
          "only admins renew through this call, not a " + caller.kind().pathSegment());
    }
    Instant now = clock.instant();
    String target = "admin/" + caller.name();
    AdminRecord admin = admin(caller.name());
    IdentityStatus status =
        revoked(presented) || revoked(admin.credential().current())
            ? IdentityStatus.REVOKED
            : IdentityStatus.ACTIVE;
    if (RenewalPolicy.decide(now, presented, status, forced)
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
    return issue(now, caller.toString(), caller, csr, forced ? "forced" : "");
  }

  /**
   * Re-issues an admin's credential on the controller host, for an owner locked out by an expired
   * certificate; {@code by} names the local operator for the audit log. Refused for a revoked
   * admin.
   */
  public Renewed recover(String by, String name, byte[] csr) {
    AdminRecord admin = admin(name);
    if (revoked(admin.credential().current())) {
      audit.append(
          by, AuditAction.RENEW, "admin/" + name, AuditOutcome.DENIED, "recovery", "REVOKED");
      throw new RenewalRefused(
          RenewalDecision.Reason.REVOKED, "admin " + name + " is revoked; create another admin");
    }
    Principal principal = Principal.admin(name, ca.trustDomain());
    return issue(clock.instant(), by, principal, csr, "recovered on the controller host");
  }

  private AdminRecord admin(String name) {
    return store
        .get(StoreKeys.admin(name))
        .map(kv -> AdminRecord.decode(kv.value()))
        .orElseThrow(() -> new NotFoundException("admin " + name));
  }

  private boolean revoked(X509Certificate certificate) {
    return revocations.isRevoked(certificate);
  }

  private Renewed issue(Instant now, String by, Principal admin, byte[] csr, String note) {
    String target = "admin/" + admin.name();
    X509Certificate issued;
    try {
      issued = ca.issue(now, Registration.admin(admin), csr);
    } catch (RuntimeException e) {
      audit.append(
          by,
          AuditAction.RENEW,
          target,
          AuditOutcome.FAILED,
          note,
          e instanceof IssuanceRefused r ? r.reason().name() : "error");
      throw e;
    }
    record(by, admin.name(), issued, note);
    return new Renewed(issued, ca.bundle());
  }

  private void record(String by, String name, X509Certificate issued, String note) {
    String key = StoreKeys.admin(name);
    String change =
        (note.isEmpty() ? "" : note + "; ")
            + "serial "
            + issued.getSerialNumber().toString(16)
            + " until "
            + issued.getNotAfter().toInstant();
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      KeyValue kv = store.get(key).orElseThrow(() -> new NotFoundException("admin " + name));
      AdminRecord current = AdminRecord.decode(kv.value());
      AdminRecord renewed =
          new AdminRecord(
              current.name(),
              current.role(),
              current.createdAt(),
              current.createdBy(),
              current.credential().renewedTo(issued));
      boolean stored =
          store
              .txn()
              .when(Compare.modRevision(key, kv.modRevision()))
              .then(
                  Op.put(key, renewed.encode()),
                  audit.entry(
                      by, AuditAction.RENEW, "admin/" + name, AuditOutcome.SUCCESS, change, ""))
              .commit()
              .succeeded();
      if (stored) {
        return;
      }
    }
    throw new ContentionException("admin " + name);
  }
}
