package dev.cordon.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One test's private network: namespaces, bridges and veth pairs named with a per-run prefix, and
 * the processes run inside them. {@link #close()} removes all of it, also after a failure, and may
 * be called any number of times.
 *
 * <p>Everything lives inside the lab's own namespaces (bridges too, each in a hub namespace), so
 * the host's network is never changed and a killed run leaves only prefixed names to sweep.
 */
public final class Lab implements AutoCloseable {
  /** Pidfiles and logs of every run, one directory per JVM pid, swept when that JVM is gone. */
  static final Path RUN_ROOT = Path.of("/run/cordon-lab");

  static final long PID = ProcessHandle.current().pid();
  private static final AtomicInteger LABS = new AtomicInteger();
  private static final AtomicInteger INTERFACES = new AtomicInteger();
  private static final int TRANSCRIPT_LINES = 200;

  private final String name;
  private final String prefix;
  private final Path runDirectory;
  private final List<Namespace> namespaces = new ArrayList<>();
  private final List<LabProcess> processes = new ArrayList<>();
  private final Set<String> processNames = new HashSet<>();
  private final Deque<String> transcript = new ArrayDeque<>();
  private boolean closed;

  private Lab(String name, String prefix, Path runDirectory) {
    this.name = name;
    this.prefix = prefix;
    this.runDirectory = runDirectory;
  }

  /** Opens a lab; {@code name} (a test's name, say) labels its run directory and report. */
  public static Lab open(String name) {
    Sweeper.sweepOnce();
    int n = LABS.getAndIncrement();
    Path dir = RUN_ROOT.resolve(Long.toString(PID)).resolve(n + "-" + fileName(name));
    try {
      Files.createDirectories(dir.resolve("pids"));
    } catch (IOException e) {
      throw new LabException("cannot create the lab's run directory " + dir, e);
    }
    return new Lab(name, RunPrefix.namespacePrefix(PID, n), dir);
  }

  public String name() {
    return name;
  }

  /** The prefix of every namespace of this lab: {@code cl-<jvm pid>-<n>-}. */
  public String prefix() {
    return prefix;
  }

  /** Where process logs and key files live until {@link #close()}. */
  public Path runDirectory() {
    return runDirectory;
  }

  /** A new namespace {@code <prefix><role>} with its loopback up. */
  public synchronized Namespace namespace(String role) {
    RunPrefix.requireRole(role);
    var ns = new Namespace(this, role, prefix + role);
    for (Namespace existing : namespaces) {
      if (existing.name().equals(ns.name())) {
        throw new IllegalArgumentException("namespace " + ns.name() + " exists already");
      }
    }
    ensureOpen();
    // Registered before it exists, so close() removes it even if the next command fails.
    namespaces.add(ns);
    host("ip", "netns", "add", ns.name());
    ns.exec("ip", "link", "set", "lo", "up");
    return ns;
  }

  /** A bridge in its own hub namespace {@code <prefix>hub-<role>}; hosts join with connect. */
  public Bridge bridge(String role) {
    Namespace hub = namespace("hub-" + RunPrefix.requireRole(role));
    String device = interfaceName("br");
    hub.exec("ip", "link", "add", "name", device, "type", "bridge");
    hub.exec("ip", "link", "set", device, "up");
    return new Bridge(role, device, hub);
  }

  /** Underlay address of host {@code hostIndex} (192.0.2.10 + i), without prefix length. */
  public String underlay(int hostIndex) {
    return Underlay.address(hostIndex);
  }

  /** {@link #underlay} with "/24", ready for {@link Namespace#connect}. */
  public String underlayCidr(int hostIndex) {
    return Underlay.cidr(hostIndex);
  }

  /**
   * An interface name unique across all namespaces of every run on this machine, at most 15
   * characters: use it for wireguard-go, whose control sockets share one directory.
   */
  public String interfaceName(String role) {
    return RunPrefix.interfaceName(PID, INTERFACES.getAndIncrement(), role);
  }

  /** Starts a process in the host's namespace (etcd on loopback, say), cleaned up like others. */
  public LabProcess startOnHost(String processName, Map<String, String> env, String... argv) {
    return start(processName, List.of(argv), env);
  }

  /** Every process this lab started, in start order. */
  public synchronized List<LabProcess> processes() {
    return List.copyOf(processes);
  }

  synchronized LabProcess start(String processName, List<String> command, Map<String, String> env) {
    ensureOpen();
    String file = uniqueFileName(processName);
    var process =
        LabProcess.launch(
            processName,
            command,
            env,
            runDirectory.resolve(file + ".log"),
            runDirectory.resolve("pids").resolve(file + ".pid"));
    processes.add(process);
    note("started " + process + ": " + String.join(" ", command));
    return process;
  }

  /** Runs a command in the host namespace, throwing with its output if it fails. */
  Result host(String... argv) {
    var result = Commands.run(List.of(argv));
    note("$ " + String.join(" ", argv) + "  -> " + result.exitCode());
    if (!result.ok()) {
      throw new LabException(result.describe(String.join(" ", argv)));
    }
    return result;
  }

  synchronized void note(String line) {
    transcript.addLast(line);
    while (transcript.size() > TRANSCRIPT_LINES) {
      transcript.removeFirst();
    }
  }

  /**
   * What a person debugging a failed test needs: the commands run and the output of every process,
   * each under a banner.
   */
  public synchronized String report() {
    var out = new StringBuilder();
    out.append("===== cordon lab ").append(name).append(" (").append(prefix).append(") =====\n");
    out.append("----- commands -----\n");
    transcript.forEach(line -> out.append(line).append('\n'));
    for (LabProcess p : processes) {
      out.append("----- ")
          .append(p)
          .append(p.isAlive() ? " running" : " exited " + p.exitCode())
          .append(": ")
          .append(String.join(" ", p.command()))
          .append(" -----\n")
          .append(p.output());
      if (out.charAt(out.length() - 1) != '\n') {
        out.append('\n');
      }
    }
    out.append("===== end of cordon lab ").append(name).append(" =====\n");
    return out.toString();
  }

  /**
   * Stops every process (SIGTERM, then SIGKILL), deletes the namespaces and with them every veth
   * and bridge, then the run directory. Tries every step even when one fails, then throws the first
   * failure.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    var failures = new ArrayList<RuntimeException>();
    for (LabProcess p : processes.reversed()) {
      attempt(failures, p::stop);
      p.retainOutput();
    }
    for (Namespace ns : namespaces.reversed()) {
      attempt(failures, () -> deleteNamespace(ns.name()));
    }
    attempt(failures, () -> Files2.deleteTree(runDirectory));
    attempt(failures, this::deleteJvmDirectoryIfEmpty);
    if (!failures.isEmpty()) {
      var first = failures.getFirst();
      failures.stream().skip(1).forEach(first::addSuppressed);
      throw first;
    }
  }

  /** Deleting a namespace that is already gone counts as done: close may run twice. */
  private void deleteNamespace(String ns) {
    var result = Commands.run(List.of("ip", "netns", "delete", ns));
    note("$ ip netns delete " + ns + "  -> " + result.exitCode());
    if (!result.ok() && Sweeper.namespaces().contains(ns)) {
      throw new LabException(result.describe("ip netns delete " + ns));
    }
  }

  public synchronized boolean isClosed() {
    return closed;
  }

  private void deleteJvmDirectoryIfEmpty() {
    try {
      Files.deleteIfExists(runDirectory.getParent());
    } catch (IOException e) {
      // Not empty: another lab of this JVM is open.
    }
  }

  private static void attempt(List<RuntimeException> failures, Runnable step) {
    try {
      step.run();
    } catch (RuntimeException e) {
      failures.add(e);
    }
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("lab " + name + " is closed");
    }
  }

  private String uniqueFileName(String processName) {
    String base = fileName(processName);
    String candidate = base;
    for (int i = 2; !processNames.add(candidate); i++) {
      candidate = base + "-" + i;
    }
    return candidate;
  }

  static String fileName(String text) {
    String cleaned = text.replaceAll("[^A-Za-z0-9._-]+", "_");
    cleaned = cleaned.length() > 60 ? cleaned.substring(0, 60) : cleaned;
    return cleaned.isEmpty() || cleaned.startsWith(".") ? "_" + cleaned : cleaned;
  }
}
