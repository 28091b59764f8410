package dev.cordon.client.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The base of every {@code cordon} verb: runs the verb and turns a {@link CliException} into one
 * line on the command's error writer plus its exit code. Verbs write only through {@link #out()}
 * and {@link #err()}, the writers of their own CommandLine, so tests see exactly what a person
 * sees.
 */
public abstract class CordonCommand implements Callable<Integer> {

  @Spec protected CommandSpec spec;

  /** Does the work and returns one of {@link ExitCodes}. */
  protected abstract int execute() throws Exception;

  @Override
  public final Integer call() throws Exception {
    try {
      int code = execute();
      out().flush();
      return code;
    } catch (CliException e) {
      out().flush();
      err().println("cordon: " + e.getMessage());
      err().flush();
      return e.exitCode();
    }
  }

  protected final PrintWriter out() {
    return spec.commandLine().getOut();
  }

  protected final PrintWriter err() {
    return spec.commandLine().getErr();
  }

  /** The context the command tree was built with (connector, environment, clock). */
  public ClientContext context() {
    return ClientContext.of(spec);
  }
}
