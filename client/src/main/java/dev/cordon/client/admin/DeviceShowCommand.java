package dev.cordon.client.admin;

import dev.cordon.client.cli.ExitCodes;
import dev.cordon.client.cli.Json;
import dev.cordon.client.cli.JsonOption;
import dev.cordon.proto.v1.Device;
import dev.cordon.proto.v1.GetDeviceRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code cordon device show ID}. */
@Command(
    name = "show",
    mixinStandardHelpOptions = true,
    description = "Show one device: identity, status, address, segments, keys, posture.",
    footer = {"%nExamples:", "  cordon device show d-7f3a", "  cordon device show d-7f3a --json"})
public final class DeviceShowCommand extends AdminVerb {

  @Parameters(paramLabel = "DEVICE", description = "The device's id.")
  String deviceId;

  @Mixin JsonOption output;

  @Override
  int run(AdminSession session) {
    Device device =
        session.call(
            "show devices",
            stub -> stub.getDevice(GetDeviceRequest.newBuilder().setDeviceId(deviceId).build()));
    if (output.json()) {
      out().println(Json.of(device));
    } else {
      DeviceText.details(device).print(out());
    }
    return ExitCodes.OK;
  }
}
