package dev.cordon.controller.jobs;

/**
 * What one expiry sweep changed.
 *
 * @param tokensExpired tokens newly marked expired
 * @param pendingRemoved pending devices removed because their token's window closed unapproved
 * @param termLost whether the sweep stopped because this controller is no longer the leader; it
 *     then wrote nothing more
 */
public record SweepReport(int tokensExpired, int pendingRemoved, boolean termLost) {

  public static final SweepReport NOT_LEADER = new SweepReport(0, 0, true);
}
