package dev.cordon.client;

import dev.cordon.client.admin.AdminCommand;
import dev.cordon.client.admin.AuditCommand;
import dev.cordon.client.admin.DeviceCommand;
import dev.cordon.client.admin.GatewayCommand;
import dev.cordon.client.admin.PolicyCommand;
import dev.cordon.client.admin.TokenCommand;
import dev.cordon.client.cli.ClientContext;
import dev.cordon.client.cli.CompletionCommand;
import dev.cordon.client.device.DownCommand;
import dev.cordon.client.device.EnrollCommand;
import dev.cordon.client.device.StatusCommand;
import dev.cordon.client.device.UpCommand;
import java.util.List;

/**
 * The client's top-level verbs, for the root command ({@code dev.cordon.dist.Cordon}) to add with
 * {@code addSubcommand}. Each is a fresh object: a CommandLine owns its command objects.
 */
public final class ClientCommands {

  private ClientCommands() {}

  /** The verbs of the real CLI. */
  public static List<Object> all() {
    return all(ClientContext.system());
  }

  /** The verbs, working in {@code context} (tests pass an in-process connector). */
  public static List<Object> all(ClientContext context) {
    return List.of(
        new EnrollCommand(context),
        new UpCommand(context),
        new DownCommand(context),
        new StatusCommand(context),
        new TokenCommand(context),
        new DeviceCommand(context),
        new GatewayCommand(context),
        new PolicyCommand(context),
        new AuditCommand(context),
        new dev.cordon.client.admin.EventsCommand(context),
        new AdminCommand(context),
        new CompletionCommand(context));
  }
}
