package dev.cordon.lab;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** A network namespace of a {@link Lab}: one simulated host. */
public final class Namespace {
  /** A fully qualified class name ("dev.cordon.x.Main") rather than a cordon verb. */
  private static final Pattern MAIN_CLASS = Pattern.compile("([a-z_][a-z0-9_]*\\.)+[A-Z]\\w*");

  private final Lab lab;
  private final String role;
  private final String name;

  Namespace(Lab lab, String role, String name) {
    this.lab = lab;
    this.role = role;
    this.name = name;
  }

  public String name() {
    return name;
  }

  public String role() {
    return role;
  }

  public Lab lab() {
    return lab;
  }

  /** Runs {@code argv} inside; throws with the command's output unless it exits 0. */
  public Result exec(String... argv) {
    var result = execAllowFail(argv);
    if (!result.ok()) {
      throw new LabException("in " + name + ": " + result.describe(String.join(" ", argv)));
    }
    return result;
  }

  /** Runs {@code argv} inside and returns whatever happened. */
  public Result execAllowFail(String... argv) {
    var result = Commands.run(inside(List.of(argv)));
    lab.note(name + "$ " + String.join(" ", argv) + "  -> " + result.exitCode());
    return result;
  }

  /** Starts a long-running process inside, its output kept for the failure report. */
  public LabProcess start(String processName, String... argv) {
    return start(processName, Map.of(), argv);
  }

  public LabProcess start(String processName, Map<String, String> env, String... argv) {
    return lab.start(processName, inside(List.of(argv)), env);
  }

  /**
   * Runs Cordon from the distribution at system property {@code cordon.dist.dir} inside: {@code
   * startJava("gw", "gateway", "--config", f)} runs {@code bin/cordon gateway --config f}, and a
   * fully qualified class name as first argument runs that class's main on the distribution's class
   * path. Uses the JDK running the tests.
   */
  public LabProcess startJava(String processName, String... mainClassOrCordonVerb) {
    if (mainClassOrCordonVerb.length == 0) {
      throw new IllegalArgumentException("startJava needs a cordon verb or a main class");
    }
    Path dist = distribution();
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    var command = new ArrayList<String>();
    if (MAIN_CLASS.matcher(mainClassOrCordonVerb[0]).matches()) {
      command.addAll(
          List.of(java, "--enable-native-access=ALL-UNNAMED", "-cp", dist.resolve("lib") + "/*"));
    } else {
      command.add(dist.resolve("bin/cordon").toString());
    }
    command.addAll(List.of(mainClassOrCordonVerb));
    return lab.start(processName, inside(command), Map.of("CORDON_JAVA", java));
  }

  /**
   * Plugs this host into {@code bridge} with a veth pair: one end here, up, with {@code
   * cidrAddress} ("192.0.2.10/24"); the other end in the bridge. Returns this side's name.
   */
  public String connect(Bridge bridge, String cidrAddress) {
    String here = lab.interfaceName("v" + role);
    String there = lab.interfaceName("p" + role);
    // Created inside the namespaces directly: the host namespace never sees these names.
    lab.host(
        "ip",
        "-n",
        name,
        "link",
        "add",
        here,
        "type",
        "veth",
        "peer",
        "name",
        there,
        "netns",
        bridge.hub().name());
    bridge.hub().exec("ip", "link", "set", there, "master", bridge.device());
    bridge.hub().exec("ip", "link", "set", there, "up");
    exec("ip", "addr", "add", cidrAddress, "dev", here);
    exec("ip", "link", "set", here, "up");
    return here;
  }

  @Override
  public String toString() {
    return name;
  }

  private List<String> inside(List<String> argv) {
    var command = new ArrayList<>(List.of("ip", "netns", "exec", name));
    command.addAll(argv);
    return command;
  }

  private static Path distribution() {
    String dir = System.getProperty("cordon.dist.dir");
    if (dir == null || dir.isBlank()) {
      throw new LabException(
          "system property cordon.dist.dir is not set: lab/pom.xml sets it for surefire; set it"
              + " to dist/target/cordon/cordon when running elsewhere");
    }
    Path dist = Path.of(dir);
    if (!Files.isExecutable(dist.resolve("bin/cordon"))) {
      throw new LabException(
          "no distribution at "
              + dist
              + " (bin/cordon missing): build it with `make build` or `./mvnw -pl dist -am"
              + " package`");
    }
    return dist;
  }
}
