package dev.cordon.controller.policy;

import dev.cordon.policy.model.IpAddress;
import dev.cordon.policy.model.Posture;
import dev.cordon.policy.model.VersionNumber;
import dev.cordon.policy.registry.DeviceRecord;
import dev.cordon.policy.registry.DeviceStatus;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashSet;
import java.util.Map;

/**
 * The registry's device record as the policy module sees it. Posture attributes are read by the
 * names the agent reports ({@code firmware_version}, {@code os_version}, {@code patch_level},
 * {@code site}); a value that does not parse counts as unreported, which fails every condition on
 * it rather than passing it. The token's device type and segments go along: selectors see the type
 * as the label {@code type} (an explicit {@code type} label wins), and each token segment is an
 * explicit membership.
 */
public final class PolicyDevices {
  private PolicyDevices() {}

  public static DeviceRecord of(dev.cordon.controller.registry.DeviceRecord d) {
    return of(d.placement());
  }

  /** From a stored record's bytes, without parsing its certificate. */
  public static DeviceRecord decode(byte[] stored) {
    return of(dev.cordon.controller.registry.DeviceRecord.decodePlacement(stored));
  }

  public static DeviceRecord of(dev.cordon.controller.registry.DeviceRecord.Placement d) {
    return new DeviceRecord(
        d.id(),
        d.name(),
        d.wireGuardKey().bytes(),
        IpAddress.of(d.overlayAddress().getAddress()),
        d.labels(),
        d.deviceType(),
        new LinkedHashSet<>(d.segments()),
        DeviceStatus.valueOf(d.status().name()),
        posture(d.posture()),
        blankToNull(d.posture().get("site")));
  }

  static Posture posture(Map<String, String> reported) {
    return new Posture(
        version(reported.get("firmware_version")),
        version(reported.get("os_version")),
        date(reported.get("patch_level")));
  }

  private static VersionNumber version(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return VersionNumber.parse(text);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static LocalDate date(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return LocalDate.parse(text.strip());
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
