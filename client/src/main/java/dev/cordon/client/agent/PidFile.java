package dev.cordon.client.agent;

import dev.cordon.client.identity.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * {@code agent.pid} in the state directory: the running agent's pid and its process start time. The
 * start time is what makes {@code cordon down} safe: a pid the kernel has since given to another
 * process has another start time, so only the agent that wrote the file is ever signalled.
 */
public final class PidFile {

  public static final String FILE = "agent.pid";

  /** The process a pidfile names. */
  public record Owner(long pid, long startMillis) {

    /** This JVM. */
    public static Owner current() {
      ProcessHandle self = ProcessHandle.current();
      return new Owner(self.pid(), PidFile.startMillis(self));
    }

    /** The live process this names, if it still runs and is the same process. */
    public Optional<ProcessHandle> process() {
      return ProcessHandle.of(pid)
          .filter(p -> p.isAlive() && PidFile.startMillis(p) == startMillis);
    }
  }

  private PidFile() {}

  /**
   * Records this process as the agent of {@code directory}.
   *
   * @return the owner recorded
   * @throws AlreadyRunning when another live agent holds the file
   */
  public static Owner claim(Path directory) throws IOException {
    Optional<Owner> existing = read(directory);
    if (existing.isPresent()
        && existing.get().pid() != ProcessHandle.current().pid()
        && existing.get().process().isPresent()) {
      throw new AlreadyRunning(existing.get().pid());
    }
    Owner self = Owner.current();
    AtomicFiles.write(
        directory.resolve(FILE),
        ("pid=" + self.pid() + "\nstart=" + self.startMillis() + "\n")
            .getBytes(StandardCharsets.US_ASCII),
        AtomicFiles.PUBLIC);
    return self;
  }

  /** Deletes the file if it still names {@code owner}. */
  public static void release(Path directory, Owner owner) throws IOException {
    if (read(directory).filter(owner::equals).isPresent()) {
      Files.deleteIfExists(directory.resolve(FILE));
    }
  }

  /** The owner written in the file, if there is a readable one. */
  public static Optional<Owner> read(Path directory) throws IOException {
    String text;
    try {
      text = Files.readString(directory.resolve(FILE), StandardCharsets.US_ASCII);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
    long pid = -1;
    long start = -1;
    for (String line : text.split("\n")) {
      try {
        if (line.startsWith("pid=")) {
          pid = Long.parseLong(line.substring(4).strip());
        } else if (line.startsWith("start=")) {
          start = Long.parseLong(line.substring(6).strip());
        }
      } catch (NumberFormatException e) {
        return Optional.empty();
      }
    }
    return pid > 0 && start >= 0 ? Optional.of(new Owner(pid, start)) : Optional.empty();
  }

  private static long startMillis(ProcessHandle process) {
    return process.info().startInstant().map(Instant::toEpochMilli).orElse(0L);
  }

  /** Another agent runs for the same state directory. */
  public static final class AlreadyRunning extends IOException {
    private final long pid;

    AlreadyRunning(long pid) {
      super("an agent is already running for this state directory (pid " + pid + ")");
      this.pid = pid;
    }

    public long pid() {
      return pid;
    }
  }
}
