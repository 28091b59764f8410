package dev.cordon.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

/**
 * Removes what killed lab runs left behind: their processes (recorded in pidfiles), their
 * namespaces and any of their links in the host namespace. Runs once per JVM, before the first lab
 * opens.
 */
public final class Sweeper {
  private static final AtomicBoolean SWEPT = new AtomicBoolean();

  private Sweeper() {}

  /** Sweeps on the first call in this JVM; later calls do nothing. */
  public static void sweepOnce() {
    if (SWEPT.compareAndSet(false, true)) {
      sweep();
    }
  }

  /** Sweeps now; returns what was found dead, for logs and tests. */
  static Leftovers sweep() {
    var found =
        Leftovers.of(
            namespaces(),
            hostLinks(),
            fileNames(Lab.RUN_ROOT),
            fileNames(WireGuardGo.SOCKETS),
            Sweeper::processExists);
    for (String dir : found.runDirectories()) {
      killRecorded(Lab.RUN_ROOT.resolve(dir));
    }
    for (String ns : found.namespaces()) {
      killInside(ns);
      Commands.run(List.of("ip", "netns", "delete", ns));
    }
    for (String link : found.links()) {
      Commands.run(List.of("ip", "link", "delete", link));
    }
    for (String dir : found.runDirectories()) {
      Files2.deleteTree(Lab.RUN_ROOT.resolve(dir));
    }
    // wireguard-go replaces a stale socket itself; removing them keeps the directory readable.
    for (String socket : found.wireguardSockets()) {
      Files2.deleteTree(WireGuardGo.SOCKETS.resolve(socket));
    }
    if (!found.isEmpty()) {
      System.err.println("[cordon-lab] swept leftovers of killed runs: " + found);
    }
    return found;
  }

  static boolean processExists(long pid) {
    return Files.exists(Path.of("/proc", Long.toString(pid)));
  }

  /** Names from {@code ip netns list}, whose lines look like "NAME (id: 3)" or just "NAME". */
  static List<String> namespaces() {
    return firstWords(Commands.check(List.of("ip", "netns", "list")).stdout());
  }

  /** Names from {@code ip -o link show}, whose lines look like "7: NAME@peer: <...". */
  static List<String> hostLinks() {
    var names = new ArrayList<String>();
    for (String line : Commands.check(List.of("ip", "-o", "link", "show")).stdout().split("\n")) {
      String[] parts = line.split(": ", 3);
      if (parts.length >= 2) {
        String name = parts[1];
        int at = name.indexOf('@');
        names.add(at >= 0 ? name.substring(0, at) : name);
      }
    }
    return names;
  }

  static List<String> firstWords(String text) {
    return text.lines()
        .map(String::strip)
        .filter(l -> !l.isEmpty())
        .map(l -> l.split("\\s+")[0])
        .toList();
  }

  private static List<String> fileNames(Path directory) {
    if (!Files.isDirectory(directory)) {
      return List.of();
    }
    try (Stream<Path> dirs = Files.list(directory)) {
      return dirs.map(p -> p.getFileName().toString()).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** SIGKILL every recorded process that is still the very process recorded. */
  private static void killRecorded(Path runDirectory) {
    try (Stream<Path> files = Files.walk(runDirectory)) {
      for (Path pidfile : files.filter(p -> p.toString().endsWith(".pid")).toList()) {
        ProcessIdentity.parseLine(Files.readString(pidfile, StandardCharsets.UTF_8))
            .filter(ProcessIdentity::isAlive)
            .flatMap(id -> ProcessHandle.of(id.pid()))
            .ifPresent(ProcessHandle::destroyForcibly);
      }
    } catch (IOException e) {
      System.err.println("[cordon-lab] cannot read pidfiles in " + runDirectory + ": " + e);
    }
  }

  /** A dead run's namespace holds only that run's processes: stop them before deleting it. */
  private static void killInside(String namespace) {
    var pids = Commands.run(List.of("ip", "netns", "pids", namespace));
    for (String word : firstWords(pids.stdout())) {
      if (word.matches("\\d+")) {
        ProcessHandle.of(Long.parseLong(word)).ifPresent(ProcessHandle::destroyForcibly);
      }
    }
  }
}
