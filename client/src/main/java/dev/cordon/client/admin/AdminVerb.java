package dev.cordon.client.admin;

import dev.cordon.client.cli.CordonCommand;
import picocli.CommandLine.Mixin;

/** An administrator verb: opens an {@link AdminSession} for its run and closes it after. */
abstract class AdminVerb extends CordonCommand {

  @Mixin AdminOptions admin;

  /** Does the work over {@code session}; returns one of the exit codes. */
  abstract int run(AdminSession session) throws Exception;

  /** Whether a credential past 2/3 of its life is renewed before the verb runs. */
  boolean renewsFirst() {
    return true;
  }

  @Override
  protected final int execute() throws Exception {
    AdminSession opened = admin.open(context());
    AdminSession session;
    try {
      session = renewsFirst() ? opened.renewedIfDue(err()) : opened;
    } catch (RuntimeException e) {
      opened.close();
      throw e;
    }
    try (session) {
      return run(session);
    }
  }
}
