package dev.cordon.client.admin;

import dev.cordon.client.cli.ExitCodes;
import dev.cordon.client.cli.Formats;
import dev.cordon.client.cli.Json;
import dev.cordon.client.cli.JsonOption;
import dev.cordon.proto.v1.AdminServiceGrpc.AdminServiceBlockingStub;
import dev.cordon.proto.v1.Device;
import dev.cordon.proto.v1.DeviceStatusChangeRequest;
import java.util.function.BiFunction;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The shape of approve, revoke, quarantine and release: one device, a reason, its new status. */
abstract class DeviceStatusVerb extends AdminVerb {

  @Parameters(paramLabel = "DEVICE", description = "The device's id.")
  String deviceId;

  @Option(
      names = {"-r", "--reason"},
      paramLabel = "TEXT",
      description = "Why, for the audit log and the device's status reason.")
  String reason = "";

  @Mixin JsonOption output;

  /** For messages: "approve devices". */
  abstract String action();

  /** The Admin call that makes the change. */
  abstract BiFunction<AdminServiceBlockingStub, DeviceStatusChangeRequest, Device> change();

  @Override
  final int run(AdminSession session) {
    DeviceStatusChangeRequest request =
        DeviceStatusChangeRequest.newBuilder().setDeviceId(deviceId).setReason(reason).build();
    Device device = session.call(action(), stub -> change().apply(stub, request));
    if (output.json()) {
      out().println(Json.of(device));
    } else {
      out()
          .println(
              "Device "
                  + device.getDeviceId()
                  + " is now "
                  + Formats.enumWord(device.getStatus(), "DEVICE_STATUS_")
                  + ".");
    }
    return ExitCodes.OK;
  }
}
