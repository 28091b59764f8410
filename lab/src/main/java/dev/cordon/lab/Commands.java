package dev.cordon.lab;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/** Runs short commands to completion with a deadline, capturing both streams. */
final class Commands {
  /** Generous for ip, wg and etcdctl; a command that takes longer is stuck, not slow. */
  static final Duration DEFAULT_DEADLINE = Duration.ofSeconds(60);

  private Commands() {}

  static Result run(List<String> argv) {
    return run(argv, Map.of(), null, DEFAULT_DEADLINE);
  }

  /** Runs {@code argv}; the result carries the exit code, or -1 if the deadline killed it. */
  static Result run(List<String> argv, Map<String, String> env, byte[] stdin, Duration deadline) {
    var builder = new ProcessBuilder(argv);
    builder.environment().putAll(env);
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start `" + String.join(" ", argv) + "`", e);
    }
    var out = drain(process.getInputStream());
    var err = drain(process.getErrorStream());
    try (var in = process.getOutputStream()) {
      if (stdin != null) {
        in.write(stdin);
      }
    } catch (IOException e) {
      // The command exited without reading its input; its exit code tells the story.
    }
    int code;
    try {
      if (process.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS)) {
        code = process.exitValue();
      } else {
        process.destroyForcibly().waitFor();
        code = -1;
      }
      out.thread.join();
      err.thread.join();
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running " + argv, e);
    }
    String stderr = err.text.get();
    if (code == -1) {
      stderr += "\n(killed after the deadline of " + deadline.toSeconds() + "s)";
    }
    return new Result(code, out.text.get(), stderr);
  }

  /** Like {@link #run(List)} but throws with the full output unless the exit code is 0. */
  static Result check(List<String> argv) {
    var result = run(argv);
    if (!result.ok()) {
      throw new LabException(result.describe(String.join(" ", argv)));
    }
    return result;
  }

  private record Drain(Thread thread, AtomicReference<String> text) {}

  private static Drain drain(InputStream stream) {
    var text = new AtomicReference<>("");
    var thread =
        Thread.ofVirtual()
            .start(
                () -> {
                  try (stream) {
                    text.set(new String(stream.readAllBytes(), StandardCharsets.UTF_8));
                  } catch (IOException e) {
                    text.set("(output unreadable: " + e.getMessage() + ")");
                  }
                });
    return new Drain(thread, text);
  }
}
