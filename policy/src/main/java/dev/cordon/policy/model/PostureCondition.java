package dev.cordon.policy.model;

import java.time.LocalDate;

/** Posture a rule requires; null parts are not checked. */
public record PostureCondition(VersionRange firmware, VersionRange os, LocalDate minPatchLevel) {

  public boolean holdsFor(Posture p) {
    if (firmware != null && !firmware.contains(p.firmware())) return false;
    if (os != null && !os.contains(p.os())) return false;
    if (minPatchLevel != null) {
      return p.patchLevel() != null && !p.patchLevel().isBefore(minPatchLevel);
    }
    return true;
  }
}
