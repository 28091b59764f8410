package dev.cordon.lab;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.LongPredicate;

/**
 * Which remains of earlier lab runs may be removed: those whose owning JVM, named in them, is gone.
 * Names without the lab's tag are never candidates, and neither is anything of a live JVM (another
 * test run may be using it right now).
 */
record Leftovers(
    List<String> namespaces,
    List<String> links,
    List<String> runDirectories,
    List<String> wireguardSockets) {

  static Leftovers of(
      List<String> namespaceNames,
      List<String> linkNames,
      List<String> runDirectoryNames,
      LongPredicate ownerAlive) {
    return of(namespaceNames, linkNames, runDirectoryNames, List.of(), ownerAlive);
  }

  /** Socket files are named after their interface: "IFACE.sock". */
  static Leftovers of(
      List<String> namespaceNames,
      List<String> linkNames,
      List<String> runDirectoryNames,
      List<String> socketFileNames,
      LongPredicate ownerAlive) {
    return new Leftovers(
        dead(namespaceNames, RunPrefix::ownerOfNamespace, ownerAlive),
        dead(linkNames, RunPrefix::ownerOfLink, ownerAlive),
        dead(runDirectoryNames, Leftovers::ownerOfRunDirectory, ownerAlive),
        dead(socketFileNames, Leftovers::ownerOfSocket, ownerAlive));
  }

  boolean isEmpty() {
    return namespaces.isEmpty()
        && links.isEmpty()
        && runDirectories.isEmpty()
        && wireguardSockets.isEmpty();
  }

  static Optional<Long> ownerOfSocket(String fileName) {
    return fileName.endsWith(".sock")
        ? RunPrefix.ownerOfLink(fileName.substring(0, fileName.length() - ".sock".length()))
        : Optional.empty();
  }

  /** Run directories are named by the bare pid of the JVM that made them. */
  static Optional<Long> ownerOfRunDirectory(String name) {
    return name.matches("\\d{1,10}") ? Optional.of(Long.parseLong(name)) : Optional.empty();
  }

  private static List<String> dead(
      List<String> names, Function<String, Optional<Long>> owner, LongPredicate ownerAlive) {
    return names.stream()
        .filter(n -> owner.apply(n).map(pid -> !ownerAlive.test(pid)).orElse(false))
        .toList();
  }
}
