package dev.cordon.controller.identity;

import dev.cordon.controller.audit.AuditAction;
import dev.cordon.controller.audit.AuditLog;
import dev.cordon.controller.audit.AuditOutcome;
import dev.cordon.controller.ca.CertificateAuthority;
import dev.cordon.controller.ca.Principal;
import dev.cordon.controller.ca.Registration;
import dev.cordon.controller.registry.AdminRecord;
import dev.cordon.controller.registry.AdminRole;
import dev.cordon.controller.registry.AlreadyExistsException;
import dev.cordon.controller.registry.Credential;
import dev.cordon.controller.registry.StoreKeys;
import dev.cordon.controller.store.Compare;
import dev.cordon.controller.store.Op;
import dev.cordon.controller.store.Store;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;

/** Creates administrators from CSRs; names are unique, enforced by an absent-key guard. */
public final class Administrators {

  private final Store store;
  private final CertificateAuthority ca;
  private final AuditLog audit;
  private final Clock clock;

  public Administrators(Store store, CertificateAuthority ca, AuditLog audit, Clock clock) {
    this.store = store;
    this.ca = ca;
    this.audit = audit;
    this.clock = clock;
  }

  /** The CA certificates an admin must trust, issuing first. */
  public java.util.List<X509Certificate> bundle() {
    return ca.bundle();
  }

  /** Renews admins' own certificates, checked against the store's revocation list. */
  public AdminRenewal renewal() {
    return new AdminRenewal(store, ca, new StoreRevocationList(store), audit, clock);
  }

  /** Whether any administrator exists: a controller without one has never started. */
  public boolean anyExist() {
    return !store.range(StoreKeys.ADMINS).kvs().isEmpty();
  }

  /**
   * Creates an admin; {@code by} is the creating admin's SPIFFE ID, empty for the first owner. Not
   * idempotent: a retry of a success gets {@link AlreadyExistsException}.
   */
  public AdminRecord create(String by, String name, AdminRole role, byte[] csr) {
    Principal principal = Principal.admin(name, ca.trustDomain());
    String key = StoreKeys.admin(name);
    if (store.get(key).isPresent()) {
      throw new AlreadyExistsException("admin " + name);
    }
    Instant now = clock.instant();
    X509Certificate certificate = ca.issue(now, Registration.admin(principal), csr);
    AdminRecord admin = new AdminRecord(name, role, now, by, Credential.first(certificate));
    boolean created =
        store
            .txn()
            .when(Compare.absent(key))
            .then(
                Op.put(key, admin.encode()),
                audit.entry(
                    by,
                    AuditAction.ADMIN_CREATE,
                    "admin/" + name,
                    AuditOutcome.SUCCESS,
                    "role " + role.name().toLowerCase(),
                    ""))
            .commit()
            .succeeded();
    if (!created) {
      throw new AlreadyExistsException("admin " + name);
    }
    return admin;
  }
}
