package dev.cordon.lab.bench.controlplane;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Runs enrollments against a throwaway controller in this JVM until the JIT compilers go quiet, so
 * the measured controller runs compiled code, as a controller that has been up for a minute does.
 *
 * <p>Why it matters here: on 2 cores, C2 compiling the TLS, gRPC, Bouncy Castle, SQLite and
 * controller code took from a half to three quarters of one core for the first 15 s or so of
 * enrollments, which the figure would otherwise charge to the controller. Each round enrolls {@code
 * perRound} fresh devices; the warm-up ends after the first round in which compilation took less
 * than {@link #QUIET_SHARE} of the enrolling's wall time, or after {@code maxRounds}. The rounds
 * are reported either way, and the timed runs report how much compiling was still going on.
 */
final class JitWarmUp {
  /** Compilation time per wall time below which the compilers count as quiet. */
  static final double QUIET_SHARE = 0.05;

  /** What one round did. */
  record Round(int enrolled, double seconds, double compileShare) {}

  /** Enrolls a batch of devices against a controller and says how it went. */
  interface Batch {
    Enroller.Run enroll(RunningController c, int devices) throws Exception;
  }

  private JitWarmUp() {}

  /** The rounds run, the last one quiet unless {@code maxRounds} ran out first. */
  static java.util.List<Round> run(
      Path dir, int perRound, int maxRounds, Batch batch, Consumer<String> say) throws Exception {
    java.util.List<Round> rounds = new java.util.ArrayList<>();
    try (RunningController c = RunningController.start(dir, "sqlite")) {
      c.applyPolicy(FleetPolicy.yaml(1, 0));
      for (int r = 1; r <= maxRounds; r++) {
        Enroller.Run run = batch.enroll(c, perRound);
        Round round = new Round(run.enrolled(), run.seconds(), run.compileShare());
        rounds.add(round);
        say.accept(
            String.format(
                java.util.Locale.ROOT,
                "warm-up round %d: %d enrolled at %.0f/s; compiling took %.0f%% of the round",
                r,
                run.enrolled(),
                run.perSecond(),
                100 * round.compileShare()));
        if (round.compileShare() < QUIET_SHARE) break;
      }
    }
    return rounds;
  }

  /** Total time the JIT compilers have spent, in ms (0 where the JVM does not say). */
  static long compileMillis() {
    CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
    return jit != null && jit.isCompilationTimeMonitoringSupported()
        ? jit.getTotalCompilationTime()
        : 0;
  }
}
