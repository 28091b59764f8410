package dev.cordon.policy.load;

import dev.cordon.policy.model.PolicyDocument;
import java.util.List;
import java.util.Optional;

/**
 * The outcome of loading: the document when there were no errors (warnings allowed), and every
 * problem found, in document order.
 */
public record LoadResult(Optional<PolicyDocument> document, List<Problem> problems) {
  public LoadResult {
    problems = List.copyOf(problems);
  }

  public List<Problem> errors() {
    return problems.stream().filter(Problem::isError).toList();
  }

  public List<Problem> warnings() {
    return problems.stream().filter(p -> !p.isError()).toList();
  }

  public boolean ok() {
    return document.isPresent();
  }

  /** The document, or a {@link PolicyException} listing every error. */
  public PolicyDocument orThrow() {
    return document.orElseThrow(() -> new PolicyException(errors()));
  }
}
