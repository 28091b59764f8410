package dev.cordon.client.admin;

import dev.cordon.client.cli.ExitCodes;
import dev.cordon.client.cli.Json;
import dev.cordon.client.cli.JsonOption;
import dev.cordon.proto.v1.GetPolicyRequest;
import dev.cordon.proto.v1.PolicyDocument;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code cordon policy show}: the YAML as applied. */
@Command(
    name = "show",
    description = "Print a policy document exactly as applied (the current one by default).",
    footer = {
      "%nExamples:",
      "  cordon policy show > policy.yaml",
      "  cordon policy show --version 3 --json"
    })
public final class PolicyShowCommand extends AdminVerb {

  // Not mixinStandardHelpOptions: its -V/--version would clash with the policy --version below,
  // and picocli then drops --help too.
  @Option(
      names = {"-h", "--help"},
      usageHelp = true,
      description = "Show this help message and exit.")
  boolean help;

  @Option(names = "--version", paramLabel = "N", description = "Which version; default: current.")
  long version;

  @Mixin JsonOption output;

  @Override
  int run(AdminSession session) {
    PolicyDocument document =
        session.call(
            "read policy",
            stub -> stub.getPolicy(GetPolicyRequest.newBuilder().setVersion(version).build()));
    if (output.json()) {
      out().println(Json.of(document));
      return ExitCodes.OK;
    }
    out().print(document.getSource());
    if (!document.getSource().endsWith("\n")) {
      out().println();
    }
    return ExitCodes.OK;
  }
}
