package dev.cordon.client.admin;

import dev.cordon.proto.v1.AdminServiceGrpc.AdminServiceBlockingStub;
import dev.cordon.proto.v1.Device;
import dev.cordon.proto.v1.DeviceStatusChangeRequest;
import java.util.function.BiFunction;
import picocli.CommandLine.Command;

/** {@code cordon device revoke ID}. */
@Command(
    name = "revoke",
    mixinStandardHelpOptions = true,
    description = "Revoke a device for good; gateways drop its sessions at once.",
    footer = {
      "%nExamples:",
      "  cordon device revoke d-7f3a",
      "  cordon device revoke d-7f3a --reason 'ticket 4711'"
    })
public final class DeviceRevokeCommand extends DeviceStatusVerb {

  @Override
  String action() {
    return "revoke devices";
  }

  @Override
  BiFunction<AdminServiceBlockingStub, DeviceStatusChangeRequest, Device> change() {
    return AdminServiceBlockingStub::revokeDevice;
  }
}
