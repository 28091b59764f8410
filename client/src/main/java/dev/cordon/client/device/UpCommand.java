package dev.cordon.client.device;

import dev.cordon.client.agent.Agent;
import dev.cordon.client.agent.AgentOptions;
import dev.cordon.client.agent.HostCheck;
import dev.cordon.client.agent.PidFile;
import dev.cordon.client.agent.Posture;
import dev.cordon.client.agent.WireGuardTunnel;
import dev.cordon.client.cli.CliException;
import dev.cordon.client.cli.ClientContext;
import dev.cordon.client.cli.CordonCommand;
import dev.cordon.client.cli.Durations;
import dev.cordon.client.cli.ExitCodes;
import dev.cordon.client.identity.DeviceIdentity;
import dev.cordon.client.identity.StateDirectory;
import dev.cordon.tunnel.tun.TunException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import sun.misc.Signal;

/**
 * {@code cordon up}: the agent in the foreground until SIGTERM/SIGINT ({@code cordon down}, Ctrl-C,
 * systemd stop), or until the controller cuts the device off.
 */
@Command(
    name = "up",
    mixinStandardHelpOptions = true,
    description = {
      "Run the agent in the foreground (systemd-friendly): create the TUN interface, keep the"
          + " device table live from the controller, open tunnels only to authorized peers, route"
          + " only the prefixes each may carry, drop inbound flows the device's rules do not"
          + " allow, renew the certificate at 2/3 of its life and report posture (every"
          + " --posture-interval and whenever it changes).",
      "",
      "The posture file holds 'key = value' lines: firmware_version, patch_level, secure_boot"
          + " (enabled, disabled or unknown).",
      "",
      "Stops on SIGTERM or SIGINT ('cordon down', Ctrl-C) and exits 0. If the controller revokes"
          + " the device, every tunnel is torn down and it exits 5."
    },
    footer = {
      "%nExamples:",
      "  sudo cordon up",
      "  sudo cordon up --interface cordon0 --posture-source /etc/cordon/posture.conf --site hq",
      "%nExit codes: 0 stopped, 5 device revoked (tunnels torn down), 4 certificate refused,"
          + " 6 not enrolled, 7 another agent runs or the enrollment is for stock WireGuard,"
          + " 12 needs root or /dev/net/tun."
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
      names = {"--posture-source", "--posture-file"},
      paramLabel = "FILE",
      description = "Where firmware version, patch level and secure-boot state are read from.")
  Path postureSource;

  @Option(names = "--site", paramLabel = "SITE", description = "The site this device reports.")
  String site;

  @Option(
      names = "--location",
      paramLabel = "TEXT",
      description = "A free-form location this device reports.")
  String location;

  @Option(
      names = "--posture-interval",
      paramLabel = "DURATION",
      defaultValue = "10m",
      converter = Durations.class,
      description = "Report posture this often even when unchanged (default: ${DEFAULT-VALUE}).")
  Duration postureInterval;

  @Option(
      names = "--timeout",
      paramLabel = "DURATION",
      defaultValue = "15s",
      converter = Durations.class,
      description = "Deadline of each renewal and posture call (default: ${DEFAULT-VALUE}).")
  Duration timeout;

  public UpCommand(ClientContext context) {
    this.context = context;
  }

  @Override
  public ClientContext context() {
    return context;
  }

  @Override
  protected int execute() throws Exception {
    StateDirectory directory = enrolled();
    Optional<String> host = HostCheck.problem();
    if (host.isPresent()) {
      throw new CliException(ExitCodes.NEEDS_ROOT, host.get());
    }
    AgentOptions options =
        new AgentOptions(
            interfaceName,
            Posture.Sources.system(postureSource, site, location, version()),
            postureInterval,
            AgentOptions.DEFAULT_POSTURE_CHECK,
            timeout,
            AgentOptions.DEFAULT_STATUS_INTERVAL);
    Agent agent = new Agent(context, directory, options, WireGuardTunnel::open, out(), err());
    Signal.handle(new Signal("TERM"), s -> agent.stop());
    Signal.handle(new Signal("INT"), s -> agent.stop());
    try {
      return agent.run();
    } catch (PidFile.AlreadyRunning e) {
      throw new CliException(
          ExitCodes.CONFLICT, e.getMessage() + "; stop it first with 'cordon down'");
    } catch (TunException e) {
      throw new CliException(
          ExitCodes.NEEDS_ROOT,
          "cannot create the interface "
              + interfaceName
              + ": "
              + e.getMessage()
              + "; cordon up needs root (CAP_NET_ADMIN)");
    } catch (IOException | GeneralSecurityException e) {
      throw new CliException(ExitCodes.FAILURE, "the agent failed: " + e.getMessage(), e);
    }
  }

  private StateDirectory enrolled() {
    try {
      StateDirectory directory = StateDirectory.existing(state.path());
      DeviceIdentity identity = directory.identity();
      if (identity.stockWireGuard()) {
        throw new CliException(
            ExitCodes.CONFLICT,
            "the enrollment in "
                + state.path()
                + " is for a stock WireGuard device (enrolled with --wg-quick): bring it up"
                + " with wg-quick, or enroll this machine without --wg-quick");
      }
      return directory;
    } catch (NoSuchFileException e) {
      throw new CliException(
          ExitCodes.NOT_FOUND,
          "this device is not enrolled (no enrollment in "
              + state.path()
              + "); run 'cordon enroll --token TOKEN' first");
    } catch (AccessDeniedException e) {
      throw new CliException(
          ExitCodes.NEEDS_ROOT, "cannot read " + e.getMessage() + "; run as root");
    } catch (IOException e) {
      throw new CliException(
          ExitCodes.FAILURE, "the state in " + state.path() + " is damaged: " + e.getMessage());
    }
  }

  private static String version() {
    String version = UpCommand.class.getPackage().getImplementationVersion();
    return version == null ? "development" : version;
  }
}
