package dev.cordon.controller.audit;

import java.util.List;

/** Entries oldest first; {@code next} is the {@code after} of the next page, empty if last. */
public record AuditPage(List<AuditEntry> entries, String next) {
  public AuditPage {
    entries = List.copyOf(entries);
  }
}
