package dev.cordon.controller.audit;

import java.time.Duration;
import java.util.Objects;

/**
 * How refused calls are folded in the audit log: {@code window} is how long repeats of one refusal
 * are counted after it was written before one summary says how many there were; {@code maxCallers}
 * is how many distinct refusals are tracked at once (memory bound), beyond which they share one
 * overflow summary.
 */
public record DenialLimits(Duration window, int maxCallers) {

  /** One minute, 4,096 distinct refusals: at most a few hundred kilobytes of state. */
  public static final DenialLimits DEFAULT = new DenialLimits(Duration.ofSeconds(60), 4096);

  public DenialLimits {
    Objects.requireNonNull(window, "window");
    if (window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("the denial window must be positive, not " + window);
    }
    if (maxCallers < 1) {
      throw new IllegalArgumentException("at least one refused caller must be tracked");
    }
  }

  /** How often the background sweep looks for closed windows: a quarter window, at least 50 ms. */
  Duration sweepEvery() {
    Duration quarter = window.dividedBy(4);
    return quarter.compareTo(Duration.ofMillis(50)) < 0 ? Duration.ofMillis(50) : quarter;
  }
}
