package dev.cordon.client.admin;

import dev.cordon.client.cli.Formats;
import dev.cordon.proto.v1.Device;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** How one device reads for a person, shared by show and the status verbs. */
final class DeviceText {

  private DeviceText() {}

  static Details details(Device device) {
    Details details = new Details();
    details.add("Device", device.getDeviceId());
    details.add("Identity", device.getIdentity().getSpiffeId());
    details.add("Name", device.getName());
    details.add("Type", device.getDeviceType());
    details.add("Status", Formats.enumWord(device.getStatus(), "DEVICE_STATUS_"));
    details.add("Status reason", device.getStatusReason());
    details.add("Address", Formats.address(device.getOverlayAddress()));
    details.add("Segments", String.join(", ", device.getSegmentsList()));
    details.add("Labels", labels(device.getLabelsMap()));
    details.add("WireGuard key", Formats.key(device.getWireguardPublicKey().toByteArray()));
    details.add("Stock WireGuard", device.getStockWireguard() ? "yes" : "no");
    details.add("Certificate expires", Formats.time(device.getCertificate().getNotAfter()));
    details.add("Enrolled", Formats.time(device.getEnrolledAt()));
    details.add("Last seen", Formats.time(device.getLastSeen()));
    if (device.hasPosture()) {
      var posture = device.getPosture();
      details.add("OS", (posture.getOsName() + " " + posture.getOsVersion()).strip());
      details.add("Firmware", posture.getFirmwareVersion());
      details.add("Secure boot", Formats.enumWord(posture.getSecureBoot(), "SECURE_BOOT_STATE_"));
    }
    return details;
  }

  static String labels(Map<String, String> labels) {
    return new TreeMap<>(labels)
        .entrySet().stream()
            .map(e -> e.getKey() + "=" + e.getValue())
            .collect(Collectors.joining(","));
  }
}
