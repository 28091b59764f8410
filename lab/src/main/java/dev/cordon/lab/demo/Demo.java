package dev.cordon.lab.demo;

import dev.cordon.lab.Lab;
import dev.cordon.lab.LabException;
import dev.cordon.lab.Sweeper;
import dev.cordon.lab.system.CordonCli;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code make demo}: builds a namespace lab, runs the real controller, gateways and devices in it,
 * applies {@code docs/examples/policy.yaml} and prints what every flow did. Removes the lab when it
 * ends, also on Ctrl-C or failure, unless {@code --keep} asked to leave it running.
 *
 * <pre>
 * java -Dcordon.dist.dir=DIST -cp "lab/target/classes:DIST/lib/*" dev.cordon.lab.demo.Demo [--keep]
 * ... Demo --teardown     removes a lab an earlier --keep run left
 * </pre>
 */
public final class Demo {
  private Demo() {}

  public static void main(String[] args) {
    List<String> options = List.of(args);
    if (options.contains("--help") || options.contains("-h")) {
      System.out.println("usage: Demo [--keep | --teardown]   (run as root from the repository)");
      return;
    }
    if (options.contains("--teardown")) {
      Sweeper.sweepOnce();
      System.out.println("Removed the namespaces and processes of every finished demo or lab run.");
      return;
    }
    for (String o : options) {
      if (!o.equals("--keep")) {
        System.err.println("unknown option " + o + "; usage: Demo [--keep | --teardown]");
        System.exit(2);
      }
    }
    int code;
    try {
      code = run(options.contains("--keep"), System.out).exitCode();
    } catch (RuntimeException e) {
      System.err.println("demo failed: " + e.getMessage());
      code = 1;
    }
    System.exit(code);
  }

  /** What a run left for its caller: the lab's namespace prefix, and its exit code. */
  public record Outcome(String labPrefix, int mismatches, int exitCode) {}

  /**
   * Runs the whole demo, printing to {@code out}. Without {@code keep} the lab is closed before
   * this returns (or throws); a JVM shutdown (Ctrl-C) closes it as well.
   */
  public static Outcome run(boolean keep, PrintStream out) {
    Path policy = examplePolicy();
    CordonCli.launcher(); // fails early, with the fix, when the distribution is not built
    Lab lab = Lab.open("demo");
    boolean[] kept = {false};
    Thread hook =
        new Thread(
            () -> {
              if (!kept[0] && !lab.isClosed()) {
                System.err.println("demo interrupted: removing the lab " + lab.prefix() + "*");
                lab.close();
              }
            },
            "demo-cleanup");
    Runtime.getRuntime().addShutdownHook(hook);
    var say = new Narrator(out);
    boolean ok = false;
    try {
      var script = new DemoScript(lab, say, policy, keep);
      int mismatches = script.run();
      ok = true;
      if (keep) {
        kept[0] = true;
        script.printKeepInstructions();
      }
      return new Outcome(lab.prefix(), mismatches, mismatches == 0 ? 0 : 1);
    } catch (RuntimeException e) {
      out.println();
      out.println("The demo failed: " + e.getMessage());
      System.err.println(lab.report());
      throw e;
    } finally {
      if (!(keep && ok)) {
        lab.close();
        say.step("lab removed (namespaces, processes, files)");
      }
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // Ctrl-C: the hook is running or has run.
      }
    }
  }

  /**
   * The example policy: system property {@code cordon.demo.policy}, else {@code
   * docs/examples/policy.yaml} in the working directory or one of its parents.
   */
  static Path examplePolicy() {
    String given = System.getProperty("cordon.demo.policy");
    if (given != null && !given.isBlank()) {
      return Path.of(given).toAbsolutePath();
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("docs/examples/policy.yaml");
      if (Files.isRegularFile(candidate)) {
        return candidate;
      }
    }
    throw new LabException(
        "docs/examples/policy.yaml not found from "
            + Path.of("").toAbsolutePath()
            + ": run the demo from the repository (make demo)");
  }
}
