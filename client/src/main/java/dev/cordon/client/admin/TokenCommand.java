package dev.cordon.client.admin;

import dev.cordon.client.cli.ClientContext;
import dev.cordon.client.cli.CommandGroup;
import picocli.CommandLine.Command;

/** {@code cordon token}: enrollment tokens. */
@Command(
    name = "token",
    mixinStandardHelpOptions = true,
    description = "Create, list and revoke enrollment tokens (administrators).",
    subcommands = {TokenCreateCommand.class, TokenListCommand.class, TokenRevokeCommand.class},
    footer = {
      "%nExamples:",
      "  cordon token create --name cam-1 --type camera --label site=hq --segment cameras",
      "  cordon token list --all",
      "  cordon token revoke t-9f2c --reason 'sent to the wrong person'"
    })
public final class TokenCommand extends CommandGroup implements ClientContext.Holder {

  private final ClientContext context;

  public TokenCommand(ClientContext context) {
    this.context = context;
  }

  @Override
  public ClientContext context() {
    return context;
  }
}
