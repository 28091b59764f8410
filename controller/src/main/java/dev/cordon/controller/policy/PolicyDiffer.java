package dev.cordon.controller.policy;

import dev.cordon.controller.policy.PolicyDiff.ChangeKind;
import dev.cordon.controller.policy.PolicyDiff.ObjectChange;
import dev.cordon.controller.policy.PolicyDiff.ObjectKind;
import dev.cordon.policy.model.PolicyDocument;
import dev.cordon.policy.model.Rule;
import dev.cordon.policy.model.Segment;
import dev.cordon.policy.model.Service;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Compares two documents object by object (segments, services, rules, by name). */
final class PolicyDiffer {
  private PolicyDiffer() {}

  /** {@code older} may be null (no document before): everything in {@code newer} is added. */
  static PolicyDiff diff(
      long fromVersion,
      String olderSource,
      PolicyDocument older,
      long toVersion,
      String newerSource,
      PolicyDocument newer) {
    List<ObjectChange> changes = new ArrayList<>();
    List<ObjectChange> removals = new ArrayList<>();
    compare(
        ObjectKind.SEGMENT,
        older == null ? List.of() : older.segments(),
        newer.segments(),
        Segment::name,
        changes,
        removals);
    compare(
        ObjectKind.SERVICE,
        older == null ? List.of() : older.services(),
        newer.services(),
        Service::name,
        changes,
        removals);
    compare(
        ObjectKind.RULE,
        older == null ? List.of() : older.effectiveRules(),
        newer.effectiveRules(),
        Rule::name,
        changes,
        removals);
    changes.addAll(removals);
    String unified =
        UnifiedDiff.of(
            fromVersion == 0 ? "no policy" : label(fromVersion),
            olderSource == null ? "" : olderSource,
            label(toVersion),
            newerSource);
    return new PolicyDiff(fromVersion, toVersion, unified, changes);
  }

  private static String label(long version) {
    return version == 0 ? "candidate" : "version " + version;
  }

  private static <T> void compare(
      ObjectKind kind,
      List<T> older,
      List<T> newer,
      Function<T, String> name,
      List<ObjectChange> changes,
      List<ObjectChange> removals) {
    Map<String, T> before = new LinkedHashMap<>();
    older.forEach(o -> before.put(name.apply(o), o));
    Map<String, T> after = new LinkedHashMap<>();
    newer.forEach(o -> after.put(name.apply(o), o));
    after.forEach(
        (n, o) -> {
          T old = before.get(n);
          if (old == null) {
            changes.add(new ObjectChange(kind, n, ChangeKind.ADDED));
          } else if (!old.equals(o)) {
            changes.add(new ObjectChange(kind, n, ChangeKind.MODIFIED));
          }
        });
    before.keySet().stream()
        .filter(n -> !after.containsKey(n))
        .forEach(n -> removals.add(new ObjectChange(kind, n, ChangeKind.REMOVED)));
  }
}
