package dev.cordon.client.cli;

import picocli.AutoComplete;
import picocli.CommandLine.Command;

/**
 * {@code cordon completion}: prints a bash completion script for the whole command tree, built from
 * the tree this command is part of, so daemons and verbs of other modules are included.
 */
@Command(
    name = "completion",
    mixinStandardHelpOptions = true,
    description = "Print a bash (and zsh with bashcompinit) completion script for cordon.",
    footer = {
      "%nExamples:",
      "  source <(cordon completion)",
      "  cordon completion > /etc/bash_completion.d/cordon"
    })
public final class CompletionCommand extends CordonCommand implements ClientContext.Holder {

  private final ClientContext context;

  public CompletionCommand(ClientContext context) {
    this.context = context;
  }

  @Override
  public ClientContext context() {
    return context;
  }

  @Override
  protected int execute() {
    var root = spec.root();
    out().print(AutoComplete.bash(root.name(), root.commandLine()));
    return ExitCodes.OK;
  }
}
