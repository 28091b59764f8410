package dev.cordon.controller.gateways;

import java.time.Instant;
import java.util.Optional;

/**
 * What the table side knows of one gateway: the newest table version compiled for it and how many
 * devices that table authorizes, and the newest version it acknowledged as enforced (0: none).
 */
public record TableProgress(
    long targetVersion, int peerCount, long appliedVersion, Optional<Instant> appliedAt) {

  /** A controller without a policy side knows nothing of tables. */
  public static final TableProgress UNKNOWN = new TableProgress(0, 0, 0, Optional.empty());

  public TableProgress {
    if (targetVersion < 0 || peerCount < 0 || appliedVersion < 0) {
      throw new IllegalArgumentException("versions and peer counts are never negative");
    }
    appliedAt = appliedAt == null ? Optional.empty() : appliedAt;
  }
}
