package dev.cordon.client.device;

import dev.cordon.client.cli.CliException;
import dev.cordon.client.cli.ClientContext;
import dev.cordon.client.cli.CordonCommand;
import dev.cordon.client.cli.ExitCodes;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code cordon up}: the agent's foreground loop. Its options and help are final; the agent itself
 * is not in this build, so the verb refuses with {@link ExitCodes#NOT_IMPLEMENTED} rather than
 * pretend.
 */
@Command(
    name = "up",
    mixinStandardHelpOptions = true,
    description = {
      "Run the agent in the foreground (systemd-friendly): create the TUN interface, keep the"
          + " device table live from the controller, open tunnels only to authorized peers, drop"
          + " inbound flows the device's rules do not allow, renew the certificate at 2/3 of its"
          + " life and report posture.",
      "",
      "Not yet implemented in this build: exits with code 15 and changes nothing."
    },
    footer = {
      "%nExamples:",
      "  sudo cordon up",
      "  sudo cordon up --interface cordon0 --posture-source /etc/cordon/posture.conf --site hq"
    })
public final class UpCommand extends CordonCommand implements ClientContext.Holder {

  private final ClientContext context;

  @Mixin StateDirOption state;

  @Option(
      names = "--interface",
      paramLabel = "NAME",
      defaultValue = "cordon0",
      description = "The TUN interface (default: ${DEFAULT-VALUE}).")
  String interfaceName;

  @Option(
      names = "--posture-source",
      paramLabel = "FILE",
      description = "Where firmware version and secure-boot state are read from.")
  Path postureSource;

  @Option(names = "--site", paramLabel = "SITE", description = "The site this device reports.")
  String site;

  @Option(
      names = "--location",
      paramLabel = "TEXT",
      description = "A free-form location this device reports.")
  String location;

  public UpCommand(ClientContext context) {
    this.context = context;
  }

  @Override
  public ClientContext context() {
    return context;
  }

  @Override
  protected int execute() {
    throw NotImplemented.verb("up");
  }

  /** The one wording of "not in this build", shared with {@code down}. */
  static final class NotImplemented {
    private NotImplemented() {}

    static CliException verb(String verb) {
      return new CliException(
          ExitCodes.NOT_IMPLEMENTED,
          "'cordon "
              + verb
              + "' is not yet implemented in this build: the device agent comes in a later"
              + " release; nothing was changed");
    }
  }
}
