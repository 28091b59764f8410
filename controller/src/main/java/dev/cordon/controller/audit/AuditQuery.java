package dev.cordon.controller.audit;

import java.time.Instant;
import java.util.Optional;

/**
 * Filters for reading the log; every filter set must match. {@code after} is the id of the last
 * entry of the previous page (empty for the first page).
 */
public record AuditQuery(
    Optional<Instant> since,
    Optional<Instant> until,
    Optional<String> principal,
    Optional<AuditAction> action,
    Optional<String> target,
    String after,
    int limit) {

  public static final AuditQuery ALL =
      new AuditQuery(
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          "",
          1000);

  /** Every entry, first page of up to 1000. */
  public static AuditQuery all() {
    return ALL;
  }

  boolean matches(AuditEntry e) {
    return since.map(s -> !e.time().isBefore(s)).orElse(true)
        && until.map(u -> e.time().isBefore(u)).orElse(true)
        && principal.map(p -> p.equals(e.principal())).orElse(true)
        && action.map(a -> a == e.action()).orElse(true)
        && target.map(t -> t.equals(e.target())).orElse(true);
  }
}
