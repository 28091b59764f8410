package dev.cordon.controller.store;

import java.time.Duration;
import java.time.InstantSource;
import java.util.Objects;

/**
 * Settings of the embedded store.
 *
 * @param busyTimeout how long a write waits when another process (a backup tool) holds the file
 * @param leaseSweepInterval how often expired leases are looked for; keys outlive their lease by at
 *     most this much
 * @param clock the time leases are measured against (tests pass their own)
 * @param durableCommits true: fsync every commit (synchronous=FULL), so a power loss never undoes
 *     an acknowledged enrollment; false: synchronous=NORMAL, faster, survives process crashes only
 */
public record SqliteStoreOptions(
    Duration busyTimeout,
    Duration leaseSweepInterval,
    InstantSource clock,
    boolean durableCommits) {

  public static final SqliteStoreOptions DEFAULT = builder().build();

  public SqliteStoreOptions {
    Objects.requireNonNull(clock, "clock");
    requirePositive(busyTimeout, "busyTimeout");
    requirePositive(leaseSweepInterval, "leaseSweepInterval");
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    return new Builder()
        .busyTimeout(busyTimeout)
        .leaseSweepInterval(leaseSweepInterval)
        .clock(clock)
        .durableCommits(durableCommits);
  }

  private static void requirePositive(Duration d, String name) {
    if (d == null || d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be a positive duration, got " + d);
    }
  }

  /** Builds options; unset fields keep their defaults. */
  public static final class Builder {
    private Duration busyTimeout = Duration.ofSeconds(5);
    private Duration leaseSweepInterval = Duration.ofMillis(250);
    private InstantSource clock = InstantSource.system();
    private boolean durableCommits = true;

    private Builder() {}

    public Builder busyTimeout(Duration value) {
      busyTimeout = value;
      return this;
    }

    public Builder leaseSweepInterval(Duration value) {
      leaseSweepInterval = value;
      return this;
    }

    public Builder clock(InstantSource value) {
      clock = value;
      return this;
    }

    public Builder durableCommits(boolean value) {
      durableCommits = value;
      return this;
    }

    public SqliteStoreOptions build() {
      return new SqliteStoreOptions(busyTimeout, leaseSweepInterval, clock, durableCommits);
    }
  }
}
