package dev.cordon.lab;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A stock wireguard-go peer inside a namespace: the reference implementation Cordon's own tunnel
 * must interoperate with. Runs in the foreground ({@code -f}) under a {@link LabProcess}; the
 * environment never carries WG_PROCESS_FOREGROUND (set to 0 it re-executes itself endlessly).
 */
public final class WireGuardGo {
  /** wireguard-go keeps one control socket per interface here, for every namespace. */
  static final Path SOCKETS = Path.of("/var/run/wireguard");

  static final Duration READY_DEADLINE = Duration.ofSeconds(15);

  private final Namespace namespace;
  private final String iface;
  private final int listenPort;
  private final LabProcess process;
  private final String publicKey;

  private WireGuardGo(
      Namespace namespace, String iface, int listenPort, LabProcess process, String publicKey) {
    this.namespace = namespace;
    this.iface = iface;
    this.listenPort = listenPort;
    this.process = process;
    this.publicKey = publicKey;
  }

  /**
   * Starts wireguard-go on interface {@code iface} (unique across namespaces: see {@link
   * Lab#interfaceName}), gives it a fresh key and {@code listenPort}; the link stays down until
   * {@link #setAddress}.
   */
  public static WireGuardGo start(Namespace ns, String iface, int listenPort) {
    if (iface.length() > RunPrefix.MAX_INTERFACE_NAME) {
      throw new IllegalArgumentException("interface name longer than 15 characters: " + iface);
    }
    Path socket = SOCKETS.resolve(iface + ".sock");
    var process =
        ns.start(
            "wireguard-go-" + iface, Map.of("LOG_LEVEL", "verbose"), "wireguard-go", "-f", iface);
    try {
      Await.until(
          "wireguard-go to create " + iface + " in " + ns,
          READY_DEADLINE,
          () -> {
            if (!process.isAlive()) {
              throw new LabException("wireguard-go exited with " + process.exitCode());
            }
            return Files.exists(socket) && ns.execAllowFail("ip", "link", "show", iface).ok();
          });
    } catch (RuntimeException e) {
      throw new LabException(
          e.getMessage() + "\n--- wireguard-go output ---\n" + process.output(), e);
    }
    String privateKey = wg(List.of("wg", "genkey"), null).strip();
    String publicKey = wg(List.of("wg", "pubkey"), privateKey + "\n").strip();
    Path keyFile = writeSecret(ns.lab().runDirectory().resolve(iface + ".key"), privateKey);
    ns.exec(
        "wg",
        "set",
        iface,
        "listen-port",
        Integer.toString(listenPort),
        "private-key",
        keyFile.toString());
    return new WireGuardGo(ns, iface, listenPort, process, publicKey);
  }

  public String iface() {
    return iface;
  }

  public Namespace namespace() {
    return namespace;
  }

  public int listenPort() {
    return listenPort;
  }

  public LabProcess process() {
    return process;
  }

  /** Base64 public key, as {@code wg} prints it. */
  public String publicKey() {
    return publicKey;
  }

  /** Adds or updates a peer; {@code endpoint} ("192.0.2.11:51820") and keepalive may be null. */
  public void addPeer(
      String publicKeyBase64, String allowedIps, String endpointOrNull, Integer keepaliveOrNull) {
    var argv =
        new ArrayList<>(
            List.of("wg", "set", iface, "peer", publicKeyBase64, "allowed-ips", allowedIps));
    if (endpointOrNull != null) {
      argv.addAll(List.of("endpoint", endpointOrNull));
    }
    if (keepaliveOrNull != null) {
      argv.addAll(List.of("persistent-keepalive", keepaliveOrNull.toString()));
    }
    namespace.exec(argv.toArray(String[]::new));
  }

  /** Puts {@code cidr} ("100.64.0.1/24") on the interface and brings it up. */
  public void setAddress(String cidr) {
    namespace.exec("ip", "addr", "add", cidr, "dev", iface);
    namespace.exec("ip", "link", "set", iface, "up");
  }

  /** {@code wg show <iface> [what...]}, for example show("latest-handshakes"). */
  public Result show(String... what) {
    var argv = new ArrayList<>(List.of("wg", "show", iface));
    argv.addAll(List.of(what));
    return namespace.exec(argv.toArray(String[]::new));
  }

  /** Seconds since the epoch of each peer's latest handshake (0: none yet), by public key. */
  public Map<String, Long> latestHandshakes() {
    return parsePeerNumbers(show("latest-handshakes").stdout());
  }

  /** Parses wg's "PUBKEY<TAB>NUMBER" lines. */
  static Map<String, Long> parsePeerNumbers(String text) {
    var out = new LinkedHashMap<String, Long>();
    for (String line : text.split("\n")) {
      String[] parts = line.strip().split("\\s+");
      if (parts.length == 2) {
        out.put(parts[0], Long.parseLong(parts[1]));
      }
    }
    return out;
  }

  public void stop() {
    process.stop();
  }

  /** Runs wg outside the transcript: its input or output is a private key. */
  private static String wg(List<String> argv, String stdin) {
    var result =
        Commands.run(
            argv,
            Map.of(),
            stdin == null ? null : stdin.getBytes(StandardCharsets.US_ASCII),
            Commands.DEFAULT_DEADLINE);
    if (!result.ok()) {
      throw new LabException("`" + String.join(" ", argv) + "` failed: " + result.stderr());
    }
    return result.stdout();
  }

  private static Path writeSecret(Path file, String secret) {
    try {
      Files.deleteIfExists(file);
      Files.createFile(
          file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.writeString(file, secret + "\n", StandardCharsets.US_ASCII);
      return file;
    } catch (IOException e) {
      throw new LabException("cannot write key file " + file, e);
    }
  }
}
