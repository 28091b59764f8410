package dev.cordon.client.device;

import dev.cordon.client.agent.AgentStatus;
import dev.cordon.client.agent.AgentStatusView;
import dev.cordon.client.agent.PidFile;
import dev.cordon.client.cli.CliException;
import dev.cordon.client.cli.ClientContext;
import dev.cordon.client.cli.CordonCommand;
import dev.cordon.client.cli.ExitCodes;
import dev.cordon.client.cli.Json;
import dev.cordon.client.cli.JsonOption;
import dev.cordon.client.identity.DeviceIdentity;
import dev.cordon.client.identity.StateDirectory;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code cordon status}: this device's identity as stored by {@code enroll}, and, while {@code
 * cordon up} runs, what the agent reports through its status file: controller link, table and
 * policy versions, and every peer with its handshake age and bytes.
 */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description = {
      "Show this device's identity, overlay address and certificate expiry from its state"
          + " directory and, while 'cordon up' runs, the table and policy versions and each peer"
          + " with its handshake age and bytes. Exit code 6 when the device is not enrolled."
    },
    footer = {"%nExamples:", "  cordon status", "  cordon status --state-dir ./cam-1 --json"})
public final class StatusCommand extends CordonCommand implements ClientContext.Holder {

  private static final String NOT_RUNNING = "not running (start it with 'sudo cordon up')";

  private final ClientContext context;

  @Mixin StateDirOption state;

  @Mixin JsonOption output;

  public StatusCommand(ClientContext context) {
    this.context = context;
  }

  @Override
  public ClientContext context() {
    return context;
  }

  @Override
  protected int execute() {
    Map<String, Object> status = read();
    Optional<AgentStatus> agent = agent();
    Instant now = context.clock().instant();
    if (output.json()) {
      status.put(
          "agent",
          agent.<Object>map(a -> AgentStatusView.json(a, now)).orElse(Map.of("running", false)));
      out().println(Json.of(status));
      return ExitCodes.OK;
    }
    if (agent.isPresent()) {
      status.putAll(AgentStatusView.facts(agent.get(), now));
    } else {
      status.put("agent", NOT_RUNNING);
    }
    int width = status.keySet().stream().mapToInt(String::length).max().orElse(0) + 1;
    status.forEach(
        (key, value) ->
            out().println(human(key) + ":" + " ".repeat(width - key.length() + 1) + value));
    if (agent.isPresent()) {
      out().println();
      if (agent.get().peers().isEmpty()) {
        out().println("No peers: the table authorizes none.");
      } else {
        AgentStatusView.peers(agent.get(), now).print(out());
      }
    }
    return ExitCodes.OK;
  }

  private Map<String, Object> read() {
    try {
      StateDirectory directory = StateDirectory.existing(state.path());
      DeviceIdentity identity = directory.identity();
      Instant expires = directory.certificateChain().getFirst().getNotAfter().toInstant();
      Map<String, Object> status = new LinkedHashMap<>();
      status.put("device_id", identity.deviceId());
      status.put("identity", identity.spiffeId());
      status.put("overlay_address", identity.overlayAddress());
      status.put("controller", identity.controllerAddress());
      status.put("stock_wireguard", identity.stockWireGuard());
      status.put("wireguard_public_key", directory.wireGuardKeys().publicKeyBase64());
      status.put("certificate_expires", expires.toString());
      status.put("certificate_expired", !context.clock().instant().isBefore(expires));
      // Seconds are what a person compares; the nanoseconds the clock gave are noise.
      status.put("enrolled_at", identity.enrolledAt().truncatedTo(ChronoUnit.SECONDS).toString());
      status.put("state_dir", state.path().toString());
      return status;
    } catch (NoSuchFileException e) {
      throw new CliException(
          ExitCodes.NOT_FOUND,
          "this device is not enrolled (no enrollment in "
              + state.path()
              + "); run 'cordon enroll --token TOKEN'");
    } catch (AccessDeniedException e) {
      throw new CliException(
          ExitCodes.NEEDS_ROOT, "cannot read " + e.getMessage() + "; run as root");
    } catch (IOException | GeneralSecurityException e) {
      throw new CliException(
          ExitCodes.FAILURE, "the state in " + state.path() + " is damaged: " + e.getMessage());
    }
  }

  /** The running agent's status; empty when no live agent owns the state directory. */
  private Optional<AgentStatus> agent() {
    try {
      Optional<PidFile.Owner> owner = PidFile.read(state.path());
      if (owner.isEmpty() || owner.get().process().isEmpty()) {
        return Optional.empty();
      }
      return Optional.of(AgentStatus.read(state.path().resolve(AgentStatus.FILE)));
    } catch (NoSuchFileException e) {
      // The agent is starting and has not written its first status yet.
      return Optional.empty();
    } catch (IOException e) {
      throw new CliException(
          ExitCodes.FAILURE, "cannot read the agent's status: " + e.getMessage());
    }
  }

  /** "overlay_address" reads "Overlay address". */
  private static String human(String key) {
    String words = key.replace('_', ' ');
    return Character.toUpperCase(words.charAt(0)) + words.substring(1);
  }
}
