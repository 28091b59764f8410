package dev.cordon.controller.jobs;

import dev.cordon.controller.store.LeaderElection;
import dev.cordon.controller.store.LeaderTerm;
import dev.cordon.controller.store.Store;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs the leader-only jobs of one controller: every third of the leader lease's TTL it renews its
 * term (or tries to win one), and when it leads and a sweep is due, sweeps. Controllers that do not
 * lead only keep trying, so a dead leader is replaced within one TTL. {@link #tick} is the whole
 * step, callable directly (tests drive it with a clock instead of waiting).
 */
public final class LeaderJobs implements AutoCloseable {

  /** The leader key every controller of a deployment competes for. */
  public static final String LEADER_KEY = "/leader/jobs";

  /** How long a leader that stopped renewing keeps the key. */
  public static final Duration TTL = Duration.ofSeconds(15);

  private static final Logger LOG = System.getLogger(LeaderJobs.class.getName());

  private final LeaderElection election;
  private final ExpirySweep sweep;
  private final Clock clock;
  private final Duration sweepEvery;
  private ScheduledExecutorService timer;
  private LeaderTerm term; // guarded by this
  private Instant lastSweep; // guarded by this

  private LeaderJobs(LeaderElection election, ExpirySweep sweep, Clock clock, Duration sweepEvery) {
    this.election = election;
    this.sweep = sweep;
    this.clock = clock;
    this.sweepEvery = sweepEvery;
  }

  /** Jobs that run only when {@link #tick} is called. */
  public static LeaderJobs manual(
      Store store, String candidate, ExpirySweep sweep, Clock clock, Duration sweepEvery) {
    return new LeaderJobs(
        new LeaderElection(store, LEADER_KEY, candidate, TTL), sweep, clock, sweepEvery);
  }

  /** Jobs that tick on their own thread every third of {@link #TTL} until closed. */
  public static LeaderJobs start(
      Store store, String candidate, ExpirySweep sweep, Clock clock, Duration sweepEvery) {
    LeaderJobs jobs = manual(store, candidate, sweep, clock, sweepEvery);
    jobs.timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().name("cordon-leader-jobs").daemon().unstarted(r));
    long every = TTL.toMillis() / 3;
    jobs.timer.scheduleWithFixedDelay(jobs::tickQuietly, 0, every, TimeUnit.MILLISECONDS);
    return jobs;
  }

  /**
   * Keeps or wins the term, then sweeps if this controller leads and a sweep is due. Returns the
   * sweep's report, or empty when none ran (not the leader, or not due).
   */
  public synchronized Optional<SweepReport> tick() {
    if (term != null && !election.renew(term)) {
      LOG.log(Level.INFO, "lost the leader term; leader-only jobs stop here");
      term = null;
    }
    if (term == null) {
      term = election.tryAcquire().orElse(null);
      if (term == null) {
        return Optional.empty();
      }
      LOG.log(Level.INFO, "leading: this controller now runs the expiry sweeps");
    }
    Instant now = clock.instant();
    if (lastSweep != null && now.isBefore(lastSweep.plus(sweepEvery))) {
      return Optional.empty();
    }
    lastSweep = now;
    SweepReport report = sweep.sweep(election, term);
    if (report.termLost()) {
      term = null;
    }
    return Optional.of(report);
  }

  /** Whether this controller held the term at its last tick. */
  public synchronized boolean leading() {
    return term != null;
  }

  private void tickQuietly() {
    try {
      tick()
          .ifPresent(
              r -> {
                if (r.tokensExpired() + r.pendingRemoved() > 0) {
                  LOG.log(
                      Level.INFO,
                      "expiry sweep: {0} tokens expired, {1} pending devices removed",
                      r.tokensExpired(),
                      r.pendingRemoved());
                }
              });
    } catch (RuntimeException e) {
      // A store outage must not end the schedule: the next tick tries again.
      LOG.log(Level.WARNING, "leader jobs tick failed: " + e.getMessage());
    }
  }

  /** Stops ticking and steps down, so another controller takes over at once. */
  @Override
  public synchronized void close() {
    if (timer != null) {
      timer.shutdownNow();
    }
    if (term != null) {
      try {
        election.resign(term);
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "could not resign the leader term: " + e.getMessage());
      }
      term = null;
    }
  }
}
