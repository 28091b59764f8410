package dev.cordon.client.admin;

import dev.cordon.client.cli.ClientContext;
import dev.cordon.client.cli.CommandGroup;
import picocli.CommandLine.Command;

/** {@code cordon admin}: administrators. */
@Command(
    name = "admin",
    mixinStandardHelpOptions = true,
    description = "Create administrators (owners only).",
    subcommands = {AdminCreateCommand.class},
    footer = {"%nExamples:", "  cordon admin create alice --role operator --out ./alice"})
public final class AdminCommand extends CommandGroup implements ClientContext.Holder {

  private final ClientContext context;

  public AdminCommand(ClientContext context) {
    this.context = context;
  }

  @Override
  public ClientContext context() {
    return context;
  }
}
