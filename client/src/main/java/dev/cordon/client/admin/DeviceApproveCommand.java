package dev.cordon.client.admin;

import dev.cordon.proto.v1.AdminServiceGrpc.AdminServiceBlockingStub;
import dev.cordon.proto.v1.Device;
import dev.cordon.proto.v1.DeviceStatusChangeRequest;
import java.util.function.BiFunction;
import picocli.CommandLine.Command;

/** {@code cordon device approve ID}. */
@Command(
    name = "approve",
    mixinStandardHelpOptions = true,
    description = "Approve a pending device so it may join (pending -> active).",
    footer = {
      "%nExamples:",
      "  cordon device approve d-7f3a",
      "  cordon device approve d-7f3a --reason 'ticket 4711'"
    })
public final class DeviceApproveCommand extends DeviceStatusVerb {

  @Override
  String action() {
    return "approve devices";
  }

  @Override
  BiFunction<AdminServiceBlockingStub, DeviceStatusChangeRequest, Device> change() {
    return AdminServiceBlockingStub::approveDevice;
  }
}
