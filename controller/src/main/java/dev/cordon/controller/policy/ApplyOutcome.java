package dev.cordon.controller.policy;

import dev.cordon.policy.load.Problem;
import java.util.List;

/** What applying a document did. An invalid document is an outcome, not an exception. */
public sealed interface ApplyOutcome {

  /** The document is now current as {@code policy.version()}; warnings did not stop it. */
  record Applied(StoredPolicy policy, PolicyDiff diff, List<Problem> warnings)
      implements ApplyOutcome {
    public Applied {
      warnings = List.copyOf(warnings);
    }
  }

  /** The document has errors (each with line and column); nothing was stored. */
  record Invalid(long currentVersion, List<Problem> problems) implements ApplyOutcome {
    public Invalid {
      problems = List.copyOf(problems);
    }
  }

  /** The document is byte for byte the current one: no new version. */
  record Unchanged(StoredPolicy current) implements ApplyOutcome {}
}
