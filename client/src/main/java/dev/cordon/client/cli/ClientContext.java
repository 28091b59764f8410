package dev.cordon.client.cli;

import dev.cordon.client.connect.Connector;
import dev.cordon.client.connect.NettyConnector;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;
import java.util.function.Function;
import picocli.CommandLine.Model.CommandSpec;

/**
 * What the verbs take from the world: how to open channels to the controller, the environment, the
 * home directory (for the config file) and the clock. The real CLI uses {@link #system()}; tests
 * build the tree with an in-process connector and a fixed environment.
 *
 * @param connector opens channels to the controller
 * @param env reads an environment variable, null when unset
 * @param home the user's home directory
 * @param clock the time, for ages and expiries
 */
public record ClientContext(
    Connector connector, Function<String, String> env, Path home, Clock clock) {

  public ClientContext {
    Objects.requireNonNull(connector, "connector");
    Objects.requireNonNull(env, "env");
    Objects.requireNonNull(home, "home");
    Objects.requireNonNull(clock, "clock");
  }

  /** The context of the real CLI: TLS over Netty, the process environment, the system clock. */
  public static ClientContext system() {
    return new ClientContext(
        new NettyConnector(),
        System::getenv,
        Path.of(System.getProperty("user.home")),
        Clock.systemUTC());
  }

  /** Implemented by the top-level commands, which carry the context for their subcommands. */
  public interface Holder {
    ClientContext context();
  }

  /**
   * Finds the context of the tree {@code spec} belongs to. Subcommands are created by picocli with
   * no arguments, so they find it on the nearest ancestor that holds one; a verb grafted under
   * another module's command (as {@code cordon gateway list} is) has none and gets the real CLI's.
   */
  public static ClientContext of(CommandSpec spec) {
    for (CommandSpec s = spec; s != null; s = s.parent()) {
      if (s.userObject() instanceof Holder holder) {
        return holder.context();
      }
    }
    return system();
  }
}
