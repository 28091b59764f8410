package dev.cordon.policy.eval;

import dev.cordon.policy.model.Conditions;
import dev.cordon.policy.model.Posture;
import dev.cordon.policy.model.TimeWindow;
import java.util.List;

/** Checks a rule's conditions in a fixed order: posture, then site, then time. */
public final class ConditionCheck {
  private ConditionCheck() {}

  /** The first condition that fails, or null when all hold. */
  public static DenyReason firstFailure(Conditions c, Posture p, String site, long epochMillis) {
    if (c.posture() != null && !c.posture().holdsFor(p)) return DenyReason.POSTURE_FAILED;
    if (!c.sites().isEmpty() && (site == null || !c.sites().contains(site))) {
      return DenyReason.LOCATION_MISMATCH;
    }
    if (!c.windows().isEmpty()) {
      List<TimeWindow> windows = c.windows();
      for (int i = 0; i < windows.size(); i++)
        if (windows.get(i).contains(epochMillis)) return null;
      return DenyReason.OUTSIDE_TIME_WINDOW;
    }
    return null;
  }
}
