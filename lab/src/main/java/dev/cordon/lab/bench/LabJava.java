package dev.cordon.lab.bench;

import dev.cordon.lab.LabProcess;
import dev.cordon.lab.Namespace;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs one of the lab's own main classes (the flooder, the byte transfer) inside a namespace on the
 * class path of the JVM running the lab, which holds the lab's classes and Bouncy Castle; {@link
 * Namespace#startJava} covers only the distribution's classes.
 */
public final class LabJava {
  private LabJava() {}

  /** The full command line: {@code [taskset -c cpu] java -cp <this class path> main args}. */
  public static String[] command(Integer cpuOrNull, Class<?> main, String... args) {
    var argv = new ArrayList<String>();
    if (cpuOrNull != null) {
      argv.addAll(List.of("taskset", "-c", cpuOrNull.toString()));
    }
    argv.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    argv.addAll(List.of("-XX:+UseSerialGC", "-Xshare:auto", "-cp", classPath(), main.getName()));
    argv.addAll(List.of(args));
    return argv.toArray(String[]::new);
  }

  /** Starts {@code main} as a long-running process in {@code ns}. */
  public static LabProcess start(Namespace ns, String name, Class<?> main, String... args) {
    return ns.start(name, command(null, main, args));
  }

  /** Absolute entries: the child may not share the lab's working directory assumptions. */
  static String classPath() {
    var out = new ArrayList<String>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      if (!entry.isBlank()) {
        out.add(Path.of(entry).toAbsolutePath().toString());
      }
    }
    return String.join(File.pathSeparator, out);
  }
}
