package dev.cordon.client.admin;

import dev.cordon.client.cli.CliException;
import dev.cordon.client.cli.ExitCodes;
import dev.cordon.client.cli.Formats;
import dev.cordon.proto.v1.PolicyDiff;
import dev.cordon.proto.v1.PolicyObjectChange;
import dev.cordon.proto.v1.PolicyProblem;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Reading policy files and writing problems and diffs, shared by apply and diff. */
final class PolicyText {

  private PolicyText() {}

  static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new CliException(ExitCodes.USAGE, "cannot read the policy file " + file + ": " + e);
    }
  }

  /** Problems in the compiler's style, "FILE:LINE:COLUMN: message (hint)", one per line. */
  static void problems(PrintWriter err, Path file, List<PolicyProblem> problems) {
    for (PolicyProblem problem : problems) {
      StringBuilder line = new StringBuilder(file.toString());
      if (problem.getLine() > 0) {
        line.append(':').append(problem.getLine());
        if (problem.getColumn() > 0) {
          line.append(':').append(problem.getColumn());
        }
      }
      line.append(": ").append(problem.getMessage());
      if (!problem.getHint().isEmpty()) {
        line.append(" (").append(problem.getHint()).append(')');
      }
      err.println(line);
    }
  }

  /** One line per changed object: "+ rule cam-to-nvr", "- service old", "~ segment cameras". */
  static void changes(PrintWriter out, PolicyDiff diff) {
    for (PolicyObjectChange change : diff.getChangesList()) {
      String mark =
          switch (change.getChange()) {
            case CHANGE_KIND_ADDED -> "+";
            case CHANGE_KIND_REMOVED -> "-";
            default -> "~";
          };
      out.println(
          "  "
              + mark
              + " "
              + Formats.enumWord(change.getKind(), "POLICY_OBJECT_KIND_")
              + " "
              + change.getName());
    }
  }

  static CliException invalid(Path file, int count) {
    return new CliException(
        ExitCodes.POLICY_INVALID,
        file + " has " + count + (count == 1 ? " problem" : " problems") + "; nothing applied");
  }
}
