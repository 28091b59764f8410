package dev.cordon.lab.system;

import dev.cordon.lab.LabException;
import dev.cordon.lab.Namespace;
import dev.cordon.lab.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** One-shot {@code bin/cordon} invocations inside a namespace, recorded in the lab's transcript. */
public final class CordonCli {
  private CordonCli() {}

  /** The distribution's launcher, from system property {@code cordon.dist.dir}. */
  public static Path launcher() {
    String dir = System.getProperty("cordon.dist.dir");
    if (dir == null || dir.isBlank()) {
      throw new LabException("system property cordon.dist.dir is not set (lab/pom.xml sets it)");
    }
    Path bin = Path.of(dir, "bin", "cordon");
    if (!Files.isExecutable(bin)) {
      throw new LabException("no distribution at " + dir + ": build it with `make build`");
    }
    return bin;
  }

  /** Runs {@code cordon args...} in {@code ns} and returns whatever happened. */
  public static Result run(Namespace ns, String... args) {
    var argv = new ArrayList<String>(List.of(launcher().toString()));
    argv.addAll(List.of(args));
    return ns.execAllowFail(argv.toArray(String[]::new));
  }

  /** Like {@link #run} but throws with the output unless it exits 0. */
  public static Result ok(Namespace ns, String... args) {
    Result r = run(ns, args);
    if (!r.ok()) {
      throw new LabException(
          "in "
              + ns
              + ": `cordon "
              + String.join(" ", args)
              + "` exited with "
              + r.exitCode()
              + "\n--- stdout ---\n"
              + r.stdout()
              + "\n--- stderr ---\n"
              + r.stderr());
    }
    return r;
  }

  /**
   * {@code cordon enroll} with the token read from a 0600 file by the shell, so the secret never
   * appears in the transcript or in a process list.
   */
  public static Result enroll(Namespace ns, Path tokenFile, String... args) {
    var argv =
        new ArrayList<String>(
            List.of(
                "sh",
                "-c",
                "CORDON_TOKEN=$(cat \"$0\"); export CORDON_TOKEN; cordon=$1; shift;"
                    + " exec \"$cordon\" enroll \"$@\"",
                tokenFile.toString(),
                launcher().toString()));
    argv.addAll(List.of(args));
    return ns.execAllowFail(argv.toArray(String[]::new));
  }
}
