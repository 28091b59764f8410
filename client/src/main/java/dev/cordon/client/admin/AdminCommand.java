package dev.cordon.client.admin;

import dev.cordon.client.cli.ClientContext;
import dev.cordon.client.cli.CommandGroup;
import picocli.CommandLine.Command;

/** {@code cordon admin}: administrators. */
@Command(
    name = "admin",
    mixinStandardHelpOptions = true,
    description = "Create administrators (owners only); renew your own admin certificate.",
    subcommands = {AdminCreateCommand.class, AdminRenewCommand.class},
    footer = {
      "%nExamples:",
      "  cordon admin create alice --role operator --out ./alice",
      "  cordon admin renew --force"
    })
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
