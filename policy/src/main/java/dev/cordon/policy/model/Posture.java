package dev.cordon.policy.model;

import java.time.LocalDate;

/**
 * What a device last reported about itself; any part may be unknown (null), and an unknown part
 * fails every condition on it.
 */
public record Posture(VersionNumber firmware, VersionNumber os, LocalDate patchLevel) {
  public static final Posture UNKNOWN = new Posture(null, null, null);

  public static Posture of(String firmware, String os, String patchLevel) {
    return new Posture(
        firmware == null ? null : VersionNumber.parse(firmware),
        os == null ? null : VersionNumber.parse(os),
        patchLevel == null ? null : LocalDate.parse(patchLevel));
  }
}
