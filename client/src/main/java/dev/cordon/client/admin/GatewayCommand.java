package dev.cordon.client.admin;

import dev.cordon.client.cli.ClientContext;
import dev.cordon.client.cli.CommandGroup;
import picocli.CommandLine.Command;

/** {@code cordon gateway}: the enforcement points. */
@Command(
    name = "gateway",
    mixinStandardHelpOptions = true,
    description = "List and inspect gateways and the table versions they enforce (administrators).",
    subcommands = {GatewayListCommand.class, GatewayShowCommand.class},
    footer = {"%nExamples:", "  cordon gateway list", "  cordon gateway show gw-hq --json"})
public final class GatewayCommand extends CommandGroup implements ClientContext.Holder {

  private final ClientContext context;

  public GatewayCommand(ClientContext context) {
    this.context = context;
  }

  @Override
  public ClientContext context() {
    return context;
  }
}
