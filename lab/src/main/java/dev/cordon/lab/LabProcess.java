package dev.cordon.lab;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;

/**
 * A long-running process the lab started, stdout and stderr interleaved into one log file so the
 * failure report shows them in the order they happened. Stopped by its own pid only.
 */
public final class LabProcess {
  /** How long a process gets to exit after SIGTERM before SIGKILL. */
  static final Duration STOP_GRACE = Duration.ofSeconds(5);

  private final String name;
  private final List<String> command;
  private final Process process;
  private final Path log;
  private final Path pidfile;
  private volatile String finalOutput;

  private LabProcess(String name, List<String> command, Process process, Path log, Path pidfile) {
    this.name = name;
    this.command = command;
    this.process = process;
    this.log = log;
    this.pidfile = pidfile;
  }

  /**
   * Starts {@code command}, logging into {@code log} and, when {@code pidfile} is not null,
   * recording its identity there for the sweep of a killed run.
   */
  static LabProcess launch(
      String name, List<String> command, Map<String, String> env, Path log, Path pidfile) {
    var builder = new ProcessBuilder(command);
    // Never inherited: with it set, wireguard-go re-executes itself in a loop.
    builder.environment().remove("WG_PROCESS_FOREGROUND");
    builder.environment().putAll(env);
    builder.redirectErrorStream(true);
    builder.redirectOutput(log.toFile());
    builder.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new LabException("cannot start " + name + ": `" + String.join(" ", command) + "`", e);
    }
    var started = new LabProcess(name, List.copyOf(command), process, log, pidfile);
    if (pidfile != null) {
      started.recordPid();
    }
    return started;
  }

  public String name() {
    return name;
  }

  public long pid() {
    return process.pid();
  }

  public List<String> command() {
    return command;
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** The exit code, or -1 while it runs. */
  public int exitCode() {
    return process.isAlive() ? -1 : process.exitValue();
  }

  /** Everything it printed so far, stdout and stderr interleaved. */
  public String output() {
    String kept = finalOutput;
    if (kept != null) {
      return kept;
    }
    try {
      return Files.readString(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(log " + log + " unreadable: " + e.getMessage() + ")";
    }
  }

  /**
   * Waits until its output contains {@code pattern}; fails early, with the output, if the process
   * exits first.
   */
  public MatchResult awaitOutput(Pattern pattern, Duration deadline) {
    var found = new MatchResult[1];
    try {
      Await.until(
          name + " to print /" + pattern + "/",
          deadline,
          () -> {
            boolean exited = !isAlive();
            var m = pattern.matcher(output());
            if (m.find()) {
              found[0] = m.toMatchResult();
              return true;
            }
            if (exited) {
              throw new LabException(
                  name + " exited with " + exitCode() + " before printing /" + pattern + "/");
            }
            return false;
          });
    } catch (RuntimeException e) {
      throw new LabException(e.getMessage() + "\n--- output of " + name + " ---\n" + output(), e);
    }
    return found[0];
  }

  /** SIGTERM, then SIGKILL after {@link #STOP_GRACE}; stopping a stopped process is fine. */
  public void stop() {
    stop(STOP_GRACE);
  }

  /** SIGKILL at once, as a crash or power loss would. */
  public void kill() {
    stop(Duration.ZERO);
  }

  private void stop(Duration grace) {
    try {
      if (process.isAlive()) {
        if (grace.isZero()) {
          process.destroyForcibly();
        } else {
          process.destroy();
          if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
          }
        }
      }
      if (!process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new LabException(name + " (pid " + pid() + ") survived SIGKILL");
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    if (pidfile != null) {
      try {
        Files.deleteIfExists(pidfile);
      } catch (IOException e) {
        // The sweep checks identities, so a stale pidfile is harmless.
      }
    }
  }

  /** Keeps the output in memory so reports still show it after the run directory is deleted. */
  void retainOutput() {
    if (finalOutput == null) {
      finalOutput = output();
    }
  }

  @Override
  public String toString() {
    return name + " (pid " + pid() + ")";
  }

  private void recordPid() {
    var identity =
        ProcessIdentity.of(pid()).orElse(new ProcessIdentity(pid(), -1)); // already exited
    try {
      Files.writeString(pidfile, identity.toLine() + "\n", StandardCharsets.UTF_8);
    } catch (IOException e) {
      process.destroyForcibly();
      throw new LabException("cannot record pid of " + name + " in " + pidfile, e);
    }
  }
}
