package dev.cordon.policy.load;

/** One finding in a policy document: where it is, what is wrong and how to fix it. */
public record Problem(Severity severity, int line, int column, String message) {

  public enum Severity {
    ERROR,
    WARNING
  }

  public boolean isError() {
    return severity == Severity.ERROR;
  }

  /** {@code line 12, column 5: ...}, with {@code warning: } in front of warnings. */
  @Override
  public String toString() {
    return (isError() ? "" : "warning: ") + "line " + line + ", column " + column + ": " + message;
  }
}
