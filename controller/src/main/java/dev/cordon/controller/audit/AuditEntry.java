package dev.cordon.controller.audit;

import dev.cordon.controller.registry.StoredFields;
import java.time.Instant;
import java.util.Objects;

/**
 * One audit entry. {@code principal} is a SPIFFE ID, {@code token/<id>} for an enrollment, or empty
 * for an unauthenticated caller; {@code change} and {@code reason} are for people and never hold
 * secrets (callers pass names and states, never tokens or keys).
 */
public record AuditEntry(
    String id,
    Instant time,
    String principal,
    AuditAction action,
    String target,
    AuditOutcome outcome,
    String change,
    String reason,
    String controller) {

  public AuditEntry {
    Objects.requireNonNull(time);
    Objects.requireNonNull(action);
    Objects.requireNonNull(outcome);
    principal = Objects.requireNonNullElse(principal, "");
    target = Objects.requireNonNullElse(target, "");
    change = Objects.requireNonNullElse(change, "");
    reason = Objects.requireNonNullElse(reason, "");
  }

  byte[] encode() {
    return StoredFields.create()
        .put("time", time)
        .put("principal", principal)
        .put("action", action.name())
        .put("target", target)
        .put("outcome", outcome.name())
        .put("change", change)
        .put("reason", reason)
        .put("controller", controller)
        .encode();
  }

  static AuditEntry decode(String id, byte[] bytes) {
    StoredFields f = StoredFields.decode(bytes);
    return new AuditEntry(
        id,
        f.getInstant("time"),
        f.get("principal"),
        AuditAction.valueOf(f.get("action")),
        f.get("target"),
        AuditOutcome.valueOf(f.get("outcome")),
        f.get("change"),
        f.get("reason"),
        f.get("controller"));
  }
}
