package dev.cordon.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * What a lab test needs from the machine, and what to do when it is missing. Lab tests fail with
 * this message instead of skipping, so a green run always means the lab really ran.
 */
public final class Prerequisites {
  /** Each binary the lab runs, and the Debian package that provides it. */
  static final Map<String, String> BINARIES = binaries();

  private Prerequisites() {}

  /** Throws {@link LabException} naming every missing prerequisite and its fix. */
  public static void check() {
    var problems = problems(isRoot(), Prerequisites::onPath, Files.exists(Path.of("/dev/net/tun")));
    if (!problems.isEmpty()) {
      throw new LabException("lab prerequisites missing:\n  - " + String.join("\n  - ", problems));
    }
  }

  /** The problems, one actionable sentence each; empty when the lab can run. */
  static List<String> problems(boolean root, Predicate<String> onPath, boolean tunExists) {
    var problems = new ArrayList<String>();
    if (!root) {
      problems.add("lab tests need root: run `sudo make test`");
    }
    BINARIES.forEach(
        (binary, pkg) -> {
          if (!onPath.test(binary)) {
            problems.add(
                binary + " not found: install with apt-get install --no-install-recommends " + pkg);
          }
        });
    if (!tunExists) {
      problems.add(
          "/dev/net/tun missing: load the tun module (`modprobe tun`) or run where it exists");
    }
    return problems;
  }

  static boolean isRoot() {
    try {
      return Files.readAllLines(Path.of("/proc/self/status")).stream()
          .filter(line -> line.startsWith("Uid:"))
          .map(line -> line.split("\\s+"))
          .anyMatch(fields -> fields.length > 2 && fields[2].equals("0")); // effective uid
    } catch (IOException e) {
      return false;
    }
  }

  /** Searches PATH plus the sbin directories, which a non-login root shell may lack. */
  static boolean onPath(String binary) {
    String path = System.getenv().getOrDefault("PATH", "");
    return Stream.concat(
            Stream.of(path.split(":")),
            Stream.of(
                "/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin"))
        .filter(dir -> !dir.isEmpty())
        .anyMatch(dir -> Files.isExecutable(Path.of(dir, binary)));
  }

  private static Map<String, String> binaries() {
    var m = new LinkedHashMap<String, String>();
    m.put("ip", "iproute2");
    m.put("wireguard-go", "wireguard-go");
    m.put("wg", "wireguard-tools");
    m.put("etcd", "etcd-server");
    m.put("etcdctl", "etcd-client");
    m.put("iperf3", "iperf3");
    m.put("ping", "iputils-ping");
    m.put("nft", "nftables");
    return java.util.Collections.unmodifiableMap(m);
  }
}
