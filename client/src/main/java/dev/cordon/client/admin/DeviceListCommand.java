package dev.cordon.client.admin;

import dev.cordon.client.cli.ExitCodes;
import dev.cordon.client.cli.Formats;
import dev.cordon.client.cli.Json;
import dev.cordon.client.cli.JsonOption;
import dev.cordon.client.cli.Table;
import dev.cordon.proto.v1.Device;
import dev.cordon.proto.v1.DeviceStatus;
import dev.cordon.proto.v1.ListDevicesRequest;
import dev.cordon.proto.v1.ListDevicesResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code cordon device list}. */
@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    description = "List devices, ordered by id; filters combine.",
    footer = {
      "%nExamples:",
      "  cordon device list",
      "  cordon device list --status pending --label site=hq",
      "  cordon device list --segment cameras --json"
    })
public final class DeviceListCommand extends AdminVerb {

  @Option(
      names = "--status",
      paramLabel = "STATUS",
      converter = Words.Status.class,
      description = "Only devices with this status: pending, active, quarantined, revoked.")
  DeviceStatus status;

  @Option(
      names = "--label",
      paramLabel = "KEY=VALUE",
      description = "Only devices with this label; repeat for more.")
  Map<String, String> labels = new LinkedHashMap<>();

  @Option(names = "--segment", paramLabel = "SEGMENT", description = "Only devices in it.")
  String segment = "";

  @Mixin JsonOption output;

  @Override
  int run(AdminSession session) {
    ListDevicesRequest.Builder filter =
        ListDevicesRequest.newBuilder().putAllLabelSelector(labels).setSegment(segment);
    if (status != null) {
      filter.setStatus(status);
    }
    List<Device> devices =
        session.call(
            "list devices",
            stub ->
                Pages.all(
                    page -> stub.listDevices(filter.setPage(page).build()),
                    ListDevicesResponse::getDevicesList,
                    r -> r.getPage().getNextPageToken()));
    if (output.json()) {
      out().println(Json.of(ListDevicesResponse.newBuilder().addAllDevices(devices).build()));
      return ExitCodes.OK;
    }
    Table table = new Table("ID", "NAME", "TYPE", "STATUS", "ADDRESS", "SEGMENTS", "LAST SEEN");
    for (Device device : devices) {
      table.row(
          device.getDeviceId(),
          device.getName(),
          device.getDeviceType(),
          Formats.enumWord(device.getStatus(), "DEVICE_STATUS_"),
          Formats.address(device.getOverlayAddress()),
          String.join(",", device.getSegmentsList()),
          Formats.time(device.getLastSeen()));
    }
    table.print(out());
    return ExitCodes.OK;
  }
}
