package dev.cordon.dist;

import dev.cordon.client.ClientCommands;
import dev.cordon.controller.daemon.ControllerCommand;
import dev.cordon.gateway.daemon.GatewayCommand;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The one entry point behind {@code bin/cordon}: every daemon ({@code cordon controller}, {@code
 * cordon gateway}) and every CLI verb is a subcommand registered here. Each module owns its command
 * classes; this class only composes them, so dependencies keep pointing downward.
 */
@Command(
    name = "cordon",
    mixinStandardHelpOptions = true,
    versionProvider = CordonVersion.class,
    description = "Zero-trust overlay for device fleets, WireGuard on the wire.",
    footer = {"", "Run 'cordon COMMAND --help' for a command's options and examples."})
public final class Cordon implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Builds the command tree; tests run it with their own writers. */
  public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
    CommandLine cli = new CommandLine(new Cordon());
    cli.addSubcommand(new ControllerCommand());
    CommandLine gateway = new CommandLine(new GatewayCommand());
    cli.addSubcommand(gateway);
    for (Object verb : ClientCommands.all()) {
      CommandLine client = new CommandLine(verb);
      if (client.getCommandName().equals(gateway.getCommandName())) {
        // `cordon gateway` runs the daemon; the administrators' `list` and `show` sit beside
        // its `status`, so people find every gateway verb in one place.
        client.getSubcommands().forEach(gateway::addSubcommand);
      } else {
        cli.addSubcommand(client);
      }
    }
    cli.setOut(out);
    cli.setErr(err);
    return cli;
  }

  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(System.out, true);
    PrintWriter err = new PrintWriter(System.err, true);
    System.exit(commandLine(out, err).execute(args));
  }
}
