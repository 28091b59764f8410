package dev.cordon.controller.audit;

import dev.cordon.controller.registry.StoreKeys;
import dev.cordon.controller.store.KeyValue;
import dev.cordon.controller.store.Op;
import dev.cordon.controller.store.Store;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Appends entries under {@code /audit/<millis>-<sequence>-<controller>} and reads them back. Keys
 * sort by time, then by this controller's own order; the controller name keeps two controllers on
 * one etcd from ever writing the same key. Nothing here deletes or rewrites an entry.
 */
public final class AuditLog {

  private final Store store;
  private final Clock clock;
  private final String controller;
  private final AtomicLong sequence = new AtomicLong();

  public AuditLog(Store store, Clock clock, String controller) {
    this.store = store;
    this.clock = clock;
    this.controller = controller;
  }

  /** A put to include in the transaction that makes the change; the entry lands with it. */
  public Op entry(
      String principal,
      AuditAction action,
      String target,
      AuditOutcome outcome,
      String change,
      String reason) {
    var time = clock.instant();
    String id =
        "%016d-%010d-%s".formatted(time.toEpochMilli(), sequence.incrementAndGet(), controller);
    AuditEntry entry =
        new AuditEntry(id, time, principal, action, target, outcome, change, reason, controller);
    return Op.put(StoreKeys.AUDIT + id, entry.encode());
  }

  /** Appends an entry on its own: for refusals, which change nothing else. */
  public void append(
      String principal,
      AuditAction action,
      String target,
      AuditOutcome outcome,
      String change,
      String reason) {
    store.commit(
        store.txn().then(entry(principal, action, target, outcome, change, reason)).request());
  }

  public AuditPage query(AuditQuery query) {
    List<AuditEntry> out = new ArrayList<>();
    String next = "";
    for (KeyValue kv : store.range(StoreKeys.AUDIT).kvs()) {
      String id = kv.key().substring(StoreKeys.AUDIT.length());
      if (id.compareTo(query.after()) <= 0) {
        continue;
      }
      AuditEntry entry = AuditEntry.decode(id, kv.value());
      if (!query.matches(entry)) {
        continue;
      }
      if (out.size() == query.limit()) {
        next = out.getLast().id();
        break;
      }
      out.add(entry);
    }
    return new AuditPage(out, next);
  }
}
