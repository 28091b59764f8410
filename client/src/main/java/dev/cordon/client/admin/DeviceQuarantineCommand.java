package dev.cordon.client.admin;

import dev.cordon.proto.v1.AdminServiceGrpc.AdminServiceBlockingStub;
import dev.cordon.proto.v1.Device;
import dev.cordon.proto.v1.DeviceStatusChangeRequest;
import java.util.function.BiFunction;
import picocli.CommandLine.Command;

/** {@code cordon device quarantine ID}. */
@Command(
    name = "quarantine",
    mixinStandardHelpOptions = true,
    description = "Move a device to the quarantine segment (active -> quarantined).",
    footer = {
      "%nExamples:",
      "  cordon device quarantine d-7f3a",
      "  cordon device quarantine d-7f3a --reason 'ticket 4711'"
    })
public final class DeviceQuarantineCommand extends DeviceStatusVerb {

  @Override
  String action() {
    return "quarantine devices";
  }

  @Override
  BiFunction<AdminServiceBlockingStub, DeviceStatusChangeRequest, Device> change() {
    return AdminServiceBlockingStub::quarantineDevice;
  }
}
