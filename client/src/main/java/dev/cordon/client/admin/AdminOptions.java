package dev.cordon.client.admin;

import dev.cordon.client.cli.CliException;
import dev.cordon.client.cli.ClientContext;
import dev.cordon.client.cli.Durations;
import dev.cordon.client.cli.ExitCodes;
import dev.cordon.client.connect.AdminCredential;
import dev.cordon.client.connect.ClientConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * Where the Admin service is and who calls it, shared by every administrator verb. Each value comes
 * from the flag, else the environment ({@code CORDON_CONTROLLER}, {@code CORDON_ADMIN}), else the
 * config file ({@link ClientConfig}).
 */
public final class AdminOptions {

  @Option(
      names = "--admin-credential",
      paramLabel = "DIR",
      description =
          "Directory with admin.key, admin.crt and ca.crt (env CORDON_ADMIN, config"
              + " 'admin-credential').")
  Path credential;

  @Option(
      names = "--controller",
      paramLabel = "HOST:PORT",
      description = "The controller's Admin service (env CORDON_CONTROLLER, config 'controller').")
  String controller;

  @Option(
      names = "--timeout",
      paramLabel = "DURATION",
      defaultValue = "10s",
      converter = Durations.class,
      description = "Deadline of each call to the controller (default: ${DEFAULT-VALUE}).")
  Duration timeout;

  /** Opens a session, or explains which setting is missing. */
  AdminSession open(ClientContext context) {
    ClientConfig config;
    try {
      config = ClientConfig.load(context.env(), context.home());
    } catch (IOException e) {
      throw new CliException(ExitCodes.USAGE, "cannot read the config file: " + e.getMessage());
    }
    String target =
        first(
                controller,
                context.env().apply("CORDON_CONTROLLER"),
                config.get(ClientConfig.CONTROLLER))
            .orElseThrow(
                () ->
                    new CliException(
                        ExitCodes.USAGE,
                        "no controller address: pass --controller HOST:PORT, set"
                            + " CORDON_CONTROLLER, or put 'controller = HOST:PORT' in the config"
                            + " file"));
    String directory =
        first(
                credential == null ? null : credential.toString(),
                context.env().apply("CORDON_ADMIN"),
                config.get(ClientConfig.ADMIN_CREDENTIAL))
            .orElseThrow(
                () ->
                    new CliException(
                        ExitCodes.AUTH_FAILED,
                        "no admin credential: pass --admin-credential DIR, set CORDON_ADMIN, or"
                            + " put 'admin-credential = DIR' in the config file"));
    return AdminSession.open(context, target, new AdminCredential(Path.of(directory)), timeout);
  }

  private static Optional<String> first(String flag, String env, Optional<String> config) {
    if (flag != null && !flag.isBlank()) {
      return Optional.of(flag);
    }
    if (env != null && !env.isBlank()) {
      return Optional.of(env);
    }
    return config;
  }
}
