package dev.cordon.client.admin;

import dev.cordon.client.cli.ExitCodes;
import dev.cordon.client.cli.Json;
import dev.cordon.client.cli.JsonOption;
import dev.cordon.proto.v1.DiffPolicyRequest;
import dev.cordon.proto.v1.DiffPolicyResponse;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code cordon policy diff -f FILE}. */
@Command(
    name = "diff",
    mixinStandardHelpOptions = true,
    description = "Show what applying a document would change, without applying it.",
    footer = {
      "%nExamples:",
      "  cordon policy diff -f policy.yaml",
      "  cordon policy diff -f policy.yaml --from 3"
    })
public final class PolicyDiffCommand extends AdminVerb {

  @Option(
      names = {"-f", "--file"},
      required = true,
      paramLabel = "FILE",
      description = "The candidate YAML document.")
  Path file;

  @Option(
      names = "--from",
      paramLabel = "VERSION",
      description = "Compare against this version instead of the current one.")
  long fromVersion;

  @Mixin JsonOption output;

  @Override
  int run(AdminSession session) {
    DiffPolicyRequest request =
        DiffPolicyRequest.newBuilder()
            .setFromVersion(fromVersion)
            .setCandidateSource(PolicyText.read(file))
            .build();
    DiffPolicyResponse response = session.call("diff policy", stub -> stub.diffPolicy(request));
    if (output.json()) {
      out().println(Json.of(response));
    }
    if (response.getProblemsCount() > 0) {
      PolicyText.problems(err(), file, response.getProblemsList());
      throw PolicyText.invalid(file, response.getProblemsCount());
    }
    if (output.json()) {
      return ExitCodes.OK;
    }
    if (response.getDiff().getChangesCount() == 0) {
      out().println("No changes against version " + response.getDiff().getFromVersion() + ".");
      return ExitCodes.OK;
    }
    out().print(response.getDiff().getUnifiedDiff());
    if (!response.getDiff().getUnifiedDiff().endsWith("\n")) {
      out().println();
    }
    out().println("Changes against version " + response.getDiff().getFromVersion() + ":");
    PolicyText.changes(out(), response.getDiff());
    return ExitCodes.OK;
  }
}
