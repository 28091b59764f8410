package dev.cordon.client.device;

import dev.cordon.client.agent.PidFile;
import dev.cordon.client.cli.CliException;
import dev.cordon.client.cli.ClientContext;
import dev.cordon.client.cli.CordonCommand;
import dev.cordon.client.cli.Durations;
import dev.cordon.client.cli.ExitCodes;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code cordon down}: asks the agent of a state directory to stop (SIGTERM to the pid in its
 * pidfile, and only if that pid is still the process that wrote it) and waits until it exited.
 */
@Command(
    name = "down",
    mixinStandardHelpOptions = true,
    description = {
      "Stop the running agent: it tears down its tunnels and removes the TUN interface, and this"
          + " command waits until it has exited. Exit code 6 when no agent is running."
    },
    footer = {
      "%nExamples:",
      "  sudo cordon down",
      "  sudo cordon down --state-dir ./cam-1 --timeout 1m"
    })
public final class DownCommand extends CordonCommand implements ClientContext.Holder {

  private final ClientContext context;

  @Mixin StateDirOption state;

  @Option(
      names = "--timeout",
      paramLabel = "DURATION",
      defaultValue = "30s",
      converter = Durations.class,
      description =
          "Give up waiting for the agent to exit after this long (default: ${DEFAULT-VALUE}).")
  Duration timeout;

  public DownCommand(ClientContext context) {
    this.context = context;
  }

  @Override
  public ClientContext context() {
    return context;
  }

  @Override
  protected int execute() throws Exception {
    Optional<PidFile.Owner> owner = owner();
    if (owner.isEmpty()) {
      throw notRunning("");
    }
    Optional<ProcessHandle> agent = owner.get().process();
    if (agent.isEmpty()) {
      Files.deleteIfExists(state.path().resolve(PidFile.FILE));
      throw notRunning(" (removed the stale pidfile of pid " + owner.get().pid() + ")");
    }
    if (!agent.get().destroy()) {
      throw new CliException(
          ExitCodes.NEEDS_ROOT,
          "cannot signal the agent (pid " + owner.get().pid() + "); run 'sudo cordon down'");
    }
    err().println("Waiting for the agent (pid " + owner.get().pid() + ") to stop ...");
    err().flush();
    try {
      agent.get().onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new CliException(
          ExitCodes.FAILURE,
          "the agent (pid "
              + owner.get().pid()
              + ") did not stop within "
              + timeout.toSeconds()
              + "s; run 'cordon down' again or look at its log");
    } catch (ExecutionException e) {
      throw new CliException(ExitCodes.FAILURE, "lost track of the agent: " + e.getMessage());
    }
    out().println("Agent stopped; its tunnels are torn down.");
    return ExitCodes.OK;
  }

  private Optional<PidFile.Owner> owner() {
    try {
      return PidFile.read(state.path());
    } catch (java.nio.file.AccessDeniedException e) {
      throw new CliException(
          ExitCodes.NEEDS_ROOT, "cannot read " + e.getMessage() + "; run 'sudo cordon down'");
    } catch (IOException e) {
      throw new CliException(ExitCodes.FAILURE, "cannot read the agent's pidfile: " + e);
    }
  }

  private CliException notRunning(String detail) {
    return new CliException(
        ExitCodes.NOT_FOUND,
        "no agent is running for " + state.path() + detail + "; nothing to stop");
  }
}
