package dev.cordon.gateway.table;

/**
 * A delta that does not start from the version held: nothing was applied, and the watch must be
 * restarted from {@link #held()} so the controller sends a snapshot or the right deltas.
 */
public final class ResyncNeeded extends Exception {
  private final long held;

  public ResyncNeeded(long held, long deltaFrom) {
    super("delta from version " + deltaFrom + " but version " + held + " is held");
    this.held = held;
  }

  public long held() {
    return held;
  }
}
