package dev.cordon.client.admin;

import dev.cordon.client.cli.CordonCommand;
import picocli.CommandLine.Mixin;

/** An administrator verb: opens an {@link AdminSession} for its run and closes it after. */
abstract class AdminVerb extends CordonCommand {

  @Mixin AdminOptions admin;

  /** Does the work over {@code session}; returns one of the exit codes. */
  abstract int run(AdminSession session) throws Exception;

  @Override
  protected final int execute() throws Exception {
    try (AdminSession session = admin.open(context())) {
      return run(session);
    }
  }
}
