package dev.cordon.client.admin;

import dev.cordon.proto.v1.AdminServiceGrpc.AdminServiceBlockingStub;
import dev.cordon.proto.v1.Device;
import dev.cordon.proto.v1.DeviceStatusChangeRequest;
import java.util.function.BiFunction;
import picocli.CommandLine.Command;

/** {@code cordon device release ID}. */
@Command(
    name = "release",
    mixinStandardHelpOptions = true,
    description = "Release a device from quarantine (quarantined -> active).",
    footer = {
      "%nExamples:",
      "  cordon device release d-7f3a",
      "  cordon device release d-7f3a --reason 'ticket 4711'"
    })
public final class DeviceReleaseCommand extends DeviceStatusVerb {

  @Override
  String action() {
    return "release devices";
  }

  @Override
  BiFunction<AdminServiceBlockingStub, DeviceStatusChangeRequest, Device> change() {
    return AdminServiceBlockingStub::releaseDevice;
  }
}
