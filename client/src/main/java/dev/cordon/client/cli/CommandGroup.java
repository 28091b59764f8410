package dev.cordon.client.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A noun that only groups verbs ({@code cordon device}, {@code cordon policy}): run alone, it
 * prints its usage on the error writer and exits with {@link ExitCodes#USAGE}, because a verb is
 * missing.
 */
public abstract class CommandGroup implements Callable<Integer> {

  @Spec protected CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return ExitCodes.USAGE;
  }
}
