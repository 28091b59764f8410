package dev.cordon.client.admin;

import dev.cordon.client.cli.ClientContext;
import dev.cordon.client.cli.CommandGroup;
import picocli.CommandLine.Command;

/** {@code cordon policy}: the policy document, its versions, and what-if questions. */
@Command(
    name = "policy",
    mixinStandardHelpOptions = true,
    description = "Apply, diff, show and test the policy document (administrators).",
    subcommands = {
      PolicyApplyCommand.class,
      PolicyDiffCommand.class,
      PolicyShowCommand.class,
      PolicyHistoryCommand.class,
      PolicyTestCommand.class
    },
    footer = {
      "%nExamples:",
      "  cordon policy diff -f policy.yaml",
      "  cordon policy apply -f policy.yaml -m 'cameras may reach the NVR'",
      "  cordon policy test --device d-7f3a --service nvr --proto tcp --port 443"
    })
public final class PolicyCommand extends CommandGroup implements ClientContext.Holder {

  private final ClientContext context;

  public PolicyCommand(ClientContext context) {
    this.context = context;
  }

  @Override
  public ClientContext context() {
    return context;
  }
}
