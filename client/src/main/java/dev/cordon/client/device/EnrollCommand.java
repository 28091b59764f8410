package dev.cordon.client.device;

import com.google.protobuf.ByteString;
import dev.cordon.client.cli.CliException;
import dev.cordon.client.cli.ClientContext;
import dev.cordon.client.cli.CordonCommand;
import dev.cordon.client.cli.Durations;
import dev.cordon.client.cli.ExitCodes;
import dev.cordon.client.cli.Formats;
import dev.cordon.client.connect.ControllerErrors;
import dev.cordon.client.identity.CertificateKeys;
import dev.cordon.client.identity.ControllerTrustManager;
import dev.cordon.client.identity.DeviceIdentity;
import dev.cordon.client.identity.EnrollmentToken;
import dev.cordon.client.identity.StateDirectory;
import dev.cordon.client.identity.TokenFormatException;
import dev.cordon.client.identity.WireGuardKeyPair;
import dev.cordon.client.wgquick.WgQuickConfig;
import dev.cordon.proto.v1.DeviceServiceGrpc;
import dev.cordon.proto.v1.DeviceStatus;
import dev.cordon.proto.v1.DeviceTable;
import dev.cordon.proto.v1.EnrollRequest;
import dev.cordon.proto.v1.EnrollResponse;
import dev.cordon.proto.v1.EnrollmentServiceGrpc;
import dev.cordon.proto.v1.Identity;
import dev.cordon.proto.v1.PrincipalKind;
import dev.cordon.proto.v1.SyncTableRequest;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code cordon enroll --token T}: makes this machine (or a stock WireGuard device, with {@code
 * --wg-quick}) a device of the fleet. Keys are generated here and never leave; the controller is
 * pinned by the CA fingerprint in the token; the state is written only after the controller
 * accepted the enrollment, so a failed attempt leaves an earlier identity intact.
 */
@Command(
    name = "enroll",
    mixinStandardHelpOptions = true,
    description = {
      "Enroll this device with a token from 'cordon token create'. Generates the WireGuard and"
          + " certificate keys locally (0600 in the state directory), pins the controller by the"
          + " CA fingerprint in the token, and stores the certificate, CA bundle and overlay"
          + " address. Re-running with a new token rotates both keys.",
      "",
      "With --wg-quick FILE the keys are for a device that runs stock WireGuard: FILE gets a"
          + " wg-quick configuration with the gateways it may use as peers."
    },
    footer = {
      "%nExamples:",
      "  sudo cordon enroll --token cordon1_...",
      "  cordon enroll --token cordon1_... --state-dir ./cam-1 --wg-quick ./cam-1/wg0.conf",
      "  CORDON_TOKEN=cordon1_... cordon enroll --no-wait",
      "%nExit codes: 8 unreadable token, 9 token refused (expired, used, revoked),"
          + " 10 approval pending, 11 CA fingerprint mismatch, 3 controller unreachable,"
          + " 12 cannot write the state directory (not root)."
    })
public final class EnrollCommand extends CordonCommand implements ClientContext.Holder {

  private final ClientContext context;

  @Option(
      names = "--token",
      paramLabel = "TOKEN",
      description = "The token string (default: env CORDON_TOKEN). Secret: prefer the env.")
  String token;

  @Option(
      names = "--controller",
      paramLabel = "HOST:PORT",
      description = "Reach the controller here instead of the address in the token.")
  String controller;

  @Mixin StateDirOption state;

  @Option(
      names = "--wg-quick",
      paramLabel = "FILE",
      description = "Enroll a stock WireGuard device and write its wg-quick config here (0600).")
  Path wgQuick;

  @Option(
      names = "--wait",
      negatable = true,
      defaultValue = "true",
      fallbackValue = "true",
      description =
          "Wait for an administrator's approval if the token requires it (default: wait;"
              + " --no-wait exits with code 10).")
  boolean waitForApproval;

  @Option(
      names = "--wait-timeout",
      paramLabel = "DURATION",
      defaultValue = "30m",
      converter = Durations.class,
      description = "Give up waiting for approval after this long (default: ${DEFAULT-VALUE}).")
  Duration waitTimeout;

  @Option(
      names = "--timeout",
      paramLabel = "DURATION",
      defaultValue = "15s",
      converter = Durations.class,
      description = "Deadline of the enrollment call (default: ${DEFAULT-VALUE}).")
  Duration timeout;

  public EnrollCommand(ClientContext context) {
    this.context = context;
  }

  @Override
  public ClientContext context() {
    return context;
  }

  @Override
  protected int execute() throws Exception {
    EnrollmentToken parsed = token();
    String target = controller != null ? controller : parsed.controllerAddress();
    StateDirectory directory = stateDirectory();

    SecureRandom random = new SecureRandom();
    WireGuardKeyPair wireGuard = WireGuardKeyPair.generate(random);
    KeyPair certificateKey = CertificateKeys.generate(random);
    EnrollRequest request =
        EnrollRequest.newBuilder()
            .setToken(parsed.text())
            .setCsrDer(ByteString.copyFrom(CertificateKeys.csr(certificateKey, "cordon device")))
            .setWireguardPublicKey(ByteString.copyFrom(wireGuard.publicKey()))
            .setStockWireguard(wgQuick != null)
            .build();

    EnrollResponse enrolled = enroll(parsed, target, request);
    DeviceIdentity identity =
        new DeviceIdentity(
            enrolled.getDeviceId(),
            enrolled.getIdentity().getSpiffeId(),
            Formats.address(enrolled.getOverlayAddress()),
            target,
            parsed.trustDomain(),
            context.clock().instant(),
            wgQuick != null);
    save(directory, identity, wireGuard, certificateKey, enrolled);
    out()
        .println(enrolledLine(enrolled.getIdentity(), identity.overlayAddress(), directory.path()));

    if (enrolled.getApprovalPending() && !waitForApproval) {
      throw new CliException(
          ExitCodes.APPROVAL_PENDING,
          "device "
              + identity.deviceId()
              + " waits for approval: an administrator must run 'cordon device approve "
              + identity.deviceId()
              + "'"
              + (wgQuick == null ? "" : "; no wg-quick config was written"));
    }
    if (!enrolled.getApprovalPending() && wgQuick == null) {
      return ExitCodes.OK;
    }
    if (enrolled.getApprovalPending()) {
      err()
          .println(
              "Waiting up to "
                  + waitTimeout.toMinutes()
                  + "m for an administrator to run 'cordon device approve "
                  + identity.deviceId()
                  + "' ...");
      err().flush();
    }
    DeviceTable table = awaitTable(directory, target, enrolled.getApprovalPending(), identity);
    if (enrolled.getApprovalPending()) {
      out().println("Approved.");
    }
    if (wgQuick != null) {
      WgQuickConfig.write(wgQuick, WgQuickConfig.render(wireGuard, identity.deviceId(), table));
      out()
          .println(
              "Wrote "
                  + wgQuick
                  + " with "
                  + table.getPeersCount()
                  + " peer(s); bring it up with"
                  + " wg-quick up "
                  + wgQuick
                  + ".");
    }
    return ExitCodes.OK;
  }

  private EnrollmentToken token() {
    String raw = token != null ? token : context.env().apply("CORDON_TOKEN");
    if (raw == null) {
      throw new picocli.CommandLine.ParameterException(
          spec.commandLine(), "no token: pass --token TOKEN or set CORDON_TOKEN");
    }
    try {
      return EnrollmentToken.decode(raw);
    } catch (TokenFormatException e) {
      throw new CliException(ExitCodes.TOKEN_INVALID, e.getMessage());
    }
  }

  private StateDirectory stateDirectory() {
    try {
      return StateDirectory.create(state.path());
    } catch (AccessDeniedException e) {
      throw needsRoot(e);
    } catch (IOException e) {
      throw new CliException(
          ExitCodes.FAILURE, "cannot create the state directory " + state.path() + ": " + e);
    }
  }

  private CliException needsRoot(IOException e) {
    return new CliException(
        ExitCodes.NEEDS_ROOT,
        "cannot write the state directory "
            + state.path()
            + " (permission denied on "
            + e.getMessage()
            + "); run as root or pass --state-dir DIR");
  }

  private EnrollResponse enroll(EnrollmentToken parsed, String target, EnrollRequest request)
      throws IOException, GeneralSecurityException {
    var trust =
        ControllerTrustManager.pinned(
            parsed.caFingerprint(), parsed.trustDomain(), context.clock());
    ManagedChannel channel = context.connector().enrollment(target, trust);
    try {
      return EnrollmentServiceGrpc.newBlockingStub(channel)
          .withDeadlineAfter(timeout.toMillis(), TimeUnit.MILLISECONDS)
          .enroll(request);
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() == Status.Code.UNAUTHENTICATED) {
        throw new CliException(
            ExitCodes.TOKEN_REJECTED,
            "the controller refused the token"
                + (e.getStatus().getDescription() == null
                    ? ""
                    : ": " + e.getStatus().getDescription())
                + "; ask an administrator for a new token ('cordon token create')");
      }
      throw ControllerErrors.map(e, target, "enroll devices");
    } finally {
      channel.shutdownNow();
    }
  }

  private void save(
      StateDirectory directory,
      DeviceIdentity identity,
      WireGuardKeyPair wireGuard,
      KeyPair certificateKey,
      EnrollResponse enrolled) {
    try {
      directory.save(
          identity,
          wireGuard,
          certificateKey,
          bytes(enrolled.getCertificateChainList()),
          bytes(enrolled.getCaBundleList()));
    } catch (AccessDeniedException e) {
      throw needsRoot(e);
    } catch (IOException e) {
      throw new CliException(
          ExitCodes.FAILURE, "enrolled, but cannot write " + directory.path() + ": " + e);
    }
  }

  /**
   * Opens the device's table stream and returns the first table that settles the question: any
   * table when no approval is awaited, else the first whose status is no longer pending. The
   * controller pushes the change, so there is no polling.
   */
  private DeviceTable awaitTable(
      StateDirectory directory, String target, boolean untilApproved, DeviceIdentity identity)
      throws IOException, GeneralSecurityException {
    ManagedChannel channel = context.connector().device(target, directory);
    try {
      Iterator<dev.cordon.proto.v1.DeviceTableUpdate> updates =
          DeviceServiceGrpc.newBlockingStub(channel)
              .withDeadlineAfter(
                  (untilApproved ? waitTimeout : timeout).toMillis(), TimeUnit.MILLISECONDS)
              .syncTable(SyncTableRequest.getDefaultInstance());
      DeviceTable table = null;
      while (updates.hasNext()) {
        table =
            DeviceTables.apply(table, updates.next())
                .orElseThrow(
                    () ->
                        new CliException(
                            ExitCodes.FAILURE,
                            "the controller sent a table update that does not fit; run enroll"
                                + " again"));
        if (table.getStatus() == DeviceStatus.DEVICE_STATUS_REVOKED) {
          throw new CliException(
              ExitCodes.PERMISSION_DENIED, "device " + identity.deviceId() + " was revoked");
        }
        if (!untilApproved || table.getStatus() != DeviceStatus.DEVICE_STATUS_PENDING) {
          return table;
        }
      }
      throw new CliException(
          ExitCodes.FAILURE, "the controller closed the table stream before sending a table");
    } catch (StatusRuntimeException e) {
      if (untilApproved && e.getStatus().getCode() == Status.Code.DEADLINE_EXCEEDED) {
        throw new CliException(
            ExitCodes.APPROVAL_PENDING,
            "still not approved after "
                + waitTimeout.toMinutes()
                + "m; the enrollment is kept: once 'cordon device approve "
                + identity.deviceId()
                + "' ran, 'cordon up' works");
      }
      throw ControllerErrors.map(e, target, "read the device table");
    } finally {
      channel.shutdownNow();
    }
  }

  private static List<byte[]> bytes(List<ByteString> values) {
    return values.stream().map(ByteString::toByteArray).toList();
  }

  /**
   * The line a person reads after enrolling: the kind and name come from the identity the
   * controller assigned, since a gateway has a name where a device has an id.
   */
  static String enrolledLine(Identity assigned, String overlayAddress, Path stateDirectory) {
    String kind = assigned.getKind() == PrincipalKind.PRINCIPAL_KIND_GATEWAY ? "gateway" : "device";
    return "Enrolled as "
        + kind
        + " "
        + assigned.getName()
        + " ("
        + assigned.getSpiffeId()
        + "), overlay address "
        + overlayAddress
        + "; state in "
        + stateDirectory
        + ".";
  }
}
