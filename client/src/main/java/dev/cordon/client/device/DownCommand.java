package dev.cordon.client.device;

import dev.cordon.client.cli.ClientContext;
import dev.cordon.client.cli.CordonCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code cordon down}: stops the agent; not in this build (exit code 15). */
@Command(
    name = "down",
    mixinStandardHelpOptions = true,
    description = {
      "Stop the running agent: tear down its tunnels and remove the TUN interface.",
      "",
      "Not yet implemented in this build: exits with code 15 and changes nothing."
    },
    footer = {"%nExamples:", "  sudo cordon down", "  sudo cordon down --interface cordon0"})
public final class DownCommand extends CordonCommand implements ClientContext.Holder {

  private final ClientContext context;

  @Option(
      names = "--interface",
      paramLabel = "NAME",
      defaultValue = "cordon0",
      description = "The TUN interface (default: ${DEFAULT-VALUE}).")
  String interfaceName;

  public DownCommand(ClientContext context) {
    this.context = context;
  }

  @Override
  public ClientContext context() {
    return context;
  }

  @Override
  protected int execute() {
    throw UpCommand.NotImplemented.verb("down");
  }
}
