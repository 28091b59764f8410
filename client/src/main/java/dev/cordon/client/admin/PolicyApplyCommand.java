package dev.cordon.client.admin;

import dev.cordon.client.cli.ExitCodes;
import dev.cordon.client.cli.Json;
import dev.cordon.client.cli.JsonOption;
import dev.cordon.proto.v1.ApplyPolicyRequest;
import dev.cordon.proto.v1.ApplyPolicyResponse;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code cordon policy apply -f FILE}. */
@Command(
    name = "apply",
    mixinStandardHelpOptions = true,
    description = {
      "Validate a policy document and make it the current version. An invalid document changes"
          + " nothing: its problems are listed and the exit code is 13."
    },
    footer = {
      "%nExamples:",
      "  cordon policy apply -f policy.yaml -m 'cameras may reach the NVR'",
      "  cordon policy apply -f policy.yaml --expected-version 7"
    })
public final class PolicyApplyCommand extends AdminVerb {

  @Option(
      names = {"-f", "--file"},
      required = true,
      paramLabel = "FILE",
      description = "The YAML document.")
  Path file;

  @Option(
      names = {"-m", "--message"},
      paramLabel = "TEXT",
      description = "A note for the history.")
  String comment = "";

  @Option(
      names = "--expected-version",
      paramLabel = "N",
      description = "Fail (exit 7) if the current version is no longer N, instead of overwriting.")
  long expectedVersion;

  @Mixin JsonOption output;

  @Override
  int run(AdminSession session) {
    ApplyPolicyRequest request =
        ApplyPolicyRequest.newBuilder()
            .setSource(PolicyText.read(file))
            .setComment(comment)
            .setExpectedVersion(expectedVersion)
            .build();
    ApplyPolicyResponse response = session.call("apply policy", stub -> stub.applyPolicy(request));
    if (output.json()) {
      out().println(Json.of(response));
    }
    if (!response.getApplied() && response.getProblemsCount() > 0) {
      PolicyText.problems(err(), file, response.getProblemsList());
      throw PolicyText.invalid(file, response.getProblemsCount());
    }
    if (output.json()) {
      return ExitCodes.OK;
    }
    if (!response.getApplied()) {
      out()
          .println(
              "Policy unchanged: "
                  + file
                  + " is the current version "
                  + response.getVersion()
                  + ".");
      return ExitCodes.OK;
    }
    out().println("Applied " + file + " as policy version " + response.getVersion() + ".");
    PolicyText.changes(out(), response.getDiff());
    return ExitCodes.OK;
  }
}
