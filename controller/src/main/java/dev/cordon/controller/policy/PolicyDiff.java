package dev.cordon.controller.policy;

import java.util.List;

/**
 * What differs between two documents: a unified diff of their sources, ready to print, and the
 * named objects that differ (in the newer document's order, removals last). {@code toVersion} is 0
 * when the newer side is a candidate not yet applied; {@code fromVersion} is 0 when there was no
 * document before.
 */
public record PolicyDiff(
    long fromVersion, long toVersion, String unifiedDiff, List<ObjectChange> changes) {

  public PolicyDiff {
    changes = List.copyOf(changes);
  }

  public enum ObjectKind {
    SEGMENT,
    SERVICE,
    RULE
  }

  public enum ChangeKind {
    ADDED,
    REMOVED,
    MODIFIED
  }

  /** One named object that is only in one side, or in both but different. */
  public record ObjectChange(ObjectKind kind, String name, ChangeKind change) {}
}
