package dev.cordon.controller.jobs;

import dev.cordon.controller.audit.AuditAction;
import dev.cordon.controller.audit.AuditLog;
import dev.cordon.controller.audit.AuditOutcome;
import dev.cordon.controller.registry.DeviceRecord;
import dev.cordon.controller.registry.DeviceStatus;
import dev.cordon.controller.registry.IssuedCertificate;
import dev.cordon.controller.registry.RevocationKeys;
import dev.cordon.controller.registry.StoreKeys;
import dev.cordon.controller.registry.StoredFields;
import dev.cordon.controller.store.Compare;
import dev.cordon.controller.store.KeyValue;
import dev.cordon.controller.store.LeaderElection;
import dev.cordon.controller.store.LeaderTerm;
import dev.cordon.controller.store.Op;
import dev.cordon.controller.store.Store;
import dev.cordon.controller.store.TxnRequest;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The leader's expiry sweep. What it does, and why:
 *
 * <ul>
 *   <li>A token past its expiry with uses left is marked expired ({@value #EXPIRED_AT}) with one
 *       audit entry (action TOKEN_REVOKE, reason {@code EXPIRED}), so the log says when each token
 *       lapsed unused. Reads already compute EXPIRED from the time; the mark records it once.
 *   <li>A device still pending when its token's window closed was never approved in time: its
 *       certificates are revoked and it is removed, freeing its overlay address. Approval is meant
 *       to follow enrollment within the token's window; a pending device that outlives it is most
 *       likely one nobody expected.
 *   <li>Gateway presence needs nothing: its keys are bound to each controller's lease and vanish
 *       with it.
 * </ul>
 *
 * Each change is its own transaction, guarded by the record's mod revision and by the leader term's
 * fence; the first fenced failure that is not a concurrent edit ends the sweep.
 */
public final class ExpirySweep {

  static final String EXPIRED_AT = "expiredAt";

  private final Store store;
  private final AuditLog audit;
  private final Clock clock;
  private final String principal;

  /**
   * @param principal the audit entries' principal: this controller's SPIFFE ID
   */
  public ExpirySweep(Store store, AuditLog audit, Clock clock, String principal) {
    this.store = store;
    this.audit = audit;
    this.clock = clock;
    this.principal = principal;
  }

  private enum Outcome {
    WRITTEN,
    CHANGED_MEANWHILE,
    TERM_LOST
  }

  /** Sweeps once as the holder of {@code term}. Safe to retry: each change is conditional. */
  public SweepReport sweep(LeaderElection election, LeaderTerm term) {
    Instant now = clock.instant();
    Map<String, Instant> windows = new HashMap<>();
    int tokens = 0;
    for (KeyValue kv : store.range(StoreKeys.TOKENS).kvs()) {
      StoredFields token = StoredFields.decode(kv.value());
      windows.put(token.get("id"), token.getInstant("expiresAt"));
      if (!lapsed(token, now)) {
        continue;
      }
      switch (commit(election, term, expire(kv, token, now))) {
        case WRITTEN -> tokens++;
        case CHANGED_MEANWHILE -> {}
        case TERM_LOST -> {
          return new SweepReport(tokens, 0, true);
        }
      }
    }
    int devices = 0;
    for (KeyValue kv : store.range(StoreKeys.DEVICES).kvs()) {
      // Only the two fields that decide are read for every device; a full decode parses
      // certificates, too costly once a minute over a large registry.
      StoredFields fields = StoredFields.decode(kv.value());
      Instant window = windows.get(fields.find("token").orElse(""));
      if (!fields.find("status").orElse("").equals(DeviceStatus.PENDING.name())
          || window == null
          || now.isBefore(window)) {
        continue;
      }
      DeviceRecord device = DeviceRecord.decode(kv.value());
      switch (commit(election, term, remove(kv, device, window))) {
        case WRITTEN -> devices++;
        case CHANGED_MEANWHILE -> {}
        case TERM_LOST -> {
          return new SweepReport(tokens, devices, true);
        }
      }
    }
    return new SweepReport(tokens, devices, false);
  }

  private static boolean lapsed(StoredFields token, Instant now) {
    return !token.getBoolean("revoked")
        && token.getList("enrolled").size() < token.getLong("maxUses")
        && !now.isBefore(token.getInstant("expiresAt"))
        && token.findInstant(EXPIRED_AT).isEmpty();
  }

  private TxnRequest expire(KeyValue kv, StoredFields token, Instant now) {
    String id = token.get("id");
    String change =
        "expired at "
            + token.getInstant("expiresAt")
            + " with "
            + token.getList("enrolled").size()
            + "/"
            + token.getLong("maxUses")
            + " uses";
    return store
        .txn()
        .when(Compare.modRevision(kv.key(), kv.modRevision()))
        .then(
            Op.put(kv.key(), token.put(EXPIRED_AT, now).encode()),
            audit.entry(
                principal,
                AuditAction.TOKEN_REVOKE,
                "token/" + id,
                AuditOutcome.SUCCESS,
                change,
                "EXPIRED"))
        .request();
  }

  private TxnRequest remove(KeyValue kv, DeviceRecord device, Instant window) {
    List<Op> ops = new ArrayList<>();
    ops.add(Op.delete(kv.key()));
    ops.add(Op.delete(StoreKeys.ADDRESSES + device.overlayAddress().getHostAddress()));
    // Several certificates may share one key entry: put each revocation key once.
    Map<String, Op> revocations = new LinkedHashMap<>();
    for (IssuedCertificate c : device.credential().issued()) {
      RevocationKeys.revoke(c).forEach(op -> revocations.put(((Op.Put) op).key(), op));
    }
    ops.addAll(revocations.values());
    ops.add(
        audit.entry(
            principal,
            AuditAction.DEVICE_REVOKE,
            "device/" + device.id(),
            AuditOutcome.SUCCESS,
            "removed: still pending when its token's window closed at " + window,
            "NOT_APPROVED_IN_TIME"));
    return store
        .txn()
        .when(Compare.modRevision(kv.key(), kv.modRevision()))
        .then(ops.toArray(Op[]::new))
        .request();
  }

  private static Outcome commit(LeaderElection election, LeaderTerm term, TxnRequest request) {
    if (election.commitAsLeader(term, request).succeeded()) {
      return Outcome.WRITTEN;
    }
    return election.holds(term) ? Outcome.CHANGED_MEANWHILE : Outcome.TERM_LOST;
  }
}
