package dev.cordon.policy.load;

import java.util.List;
import java.util.stream.Collectors;

/** A policy document that cannot be used, with every error found in it. */
public final class PolicyException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final transient List<Problem> problems;

  public PolicyException(List<Problem> problems) {
    super(
        problems.size()
            + " error(s) in the policy document:\n"
            + problems.stream().map(Problem::toString).collect(Collectors.joining("\n")));
    this.problems = List.copyOf(problems);
  }

  public List<Problem> problems() {
    return problems;
  }
}
