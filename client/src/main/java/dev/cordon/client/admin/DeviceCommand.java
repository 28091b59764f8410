package dev.cordon.client.admin;

import dev.cordon.client.cli.ClientContext;
import dev.cordon.client.cli.CommandGroup;
import picocli.CommandLine.Command;

/** {@code cordon device}: the fleet's devices. */
@Command(
    name = "device",
    mixinStandardHelpOptions = true,
    description =
        "List, inspect, approve, revoke, quarantine and release devices (administrators).",
    subcommands = {
      DeviceListCommand.class,
      DeviceShowCommand.class,
      DeviceApproveCommand.class,
      DeviceRevokeCommand.class,
      DeviceQuarantineCommand.class,
      DeviceReleaseCommand.class
    },
    footer = {
      "%nExamples:",
      "  cordon device list --status pending",
      "  cordon device approve d-7f3a",
      "  cordon device quarantine d-7f3a --reason 'odd traffic at night'"
    })
public final class DeviceCommand extends CommandGroup implements ClientContext.Holder {

  private final ClientContext context;

  public DeviceCommand(ClientContext context) {
    this.context = context;
  }

  @Override
  public ClientContext context() {
    return context;
  }
}
