package dev.cordon.lab.bench;

import dev.cordon.lab.Await;
import dev.cordon.lab.LabException;
import dev.cordon.lab.LabProcess;
import dev.cordon.lab.Namespace;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Cordon's data plane ({@code dev.cordon.tunnel.tool.TunnelMain} from the distribution) in a
 * namespace, the counterpart of {@link dev.cordon.lab.WireGuardGo}. Its configuration is a wg-quick
 * style file, so peers are collected first with {@link #configure} and {@link Builder#peer}, then
 * {@link Builder#start} writes the file and starts the process. It prints one line per event
 * ({@code handshake peer=... role=initiator}) which {@link #events} parses.
 */
public final class CordonTunnel {
  public static final String MAIN_CLASS = "dev.cordon.tunnel.tool.TunnelMain";
  static final Duration READY_DEADLINE = Duration.ofSeconds(30);

  private final Namespace namespace;
  private final String iface;
  private final int listenPort;
  private final Keys keys;
  private final LabProcess process;
  private final Path statusFile;

  private CordonTunnel(
      Namespace namespace,
      String iface,
      int listenPort,
      Keys keys,
      LabProcess process,
      Path status) {
    this.namespace = namespace;
    this.iface = iface;
    this.listenPort = listenPort;
    this.keys = keys;
    this.process = process;
    this.statusFile = status;
  }

  /** One {@code [Peer]} section; null fields are left out. */
  public record Peer(
      String publicKey,
      String presharedKeyOrNull,
      String endpointOrNull,
      String allowedIps,
      Integer keepaliveOrNull) {
    public static Peer of(String publicKey, String allowedIps) {
      return new Peer(publicKey, null, null, allowedIps, null);
    }

    public Peer withEndpoint(String endpoint) {
      return new Peer(publicKey, presharedKeyOrNull, endpoint, allowedIps, keepaliveOrNull);
    }

    public Peer withPresharedKey(String psk) {
      return new Peer(publicKey, psk, endpointOrNull, allowedIps, keepaliveOrNull);
    }

    public Peer withKeepalive(Integer seconds) {
      return new Peer(publicKey, presharedKeyOrNull, endpointOrNull, allowedIps, seconds);
    }
  }

  /** A fresh key now (so the other side can learn it), peers next, the process last. */
  public static Builder configure(Namespace ns, String iface, int listenPort) {
    return new Builder(ns, iface, listenPort, Keys.generate());
  }

  /** Collects the configuration; nothing runs until {@link #start}. */
  public static final class Builder {
    private final Namespace ns;
    private final String iface;
    private final int listenPort;
    private final Keys keys;
    private final List<Peer> peers = new ArrayList<>();
    private int mtu = 1420;

    private Builder(Namespace ns, String iface, int listenPort, Keys keys) {
      this.ns = ns;
      this.iface = iface;
      this.listenPort = listenPort;
      this.keys = keys;
    }

    public String publicKey() {
      return keys.publicBase64();
    }

    public Builder peer(Peer peer) {
      peers.add(peer);
      return this;
    }

    public Builder mtu(int value) {
      mtu = value;
      return this;
    }

    /** Writes the configuration (mode 0600), starts TunnelMain and waits for its ready line. */
    public CordonTunnel start() {
      Path dir = ns.lab().runDirectory();
      Path config = writeSecret(dir.resolve(iface + ".conf"), config());
      Path status = dir.resolve(iface + ".status");
      var process =
          ns.startJava(
              "cordon-" + iface,
              MAIN_CLASS,
              "--interface",
              iface,
              "--config",
              config.toString(),
              "--status-file",
              status.toString());
      var tunnel = new CordonTunnel(ns, iface, listenPort, keys, process, status);
      process.awaitOutput(
          java.util.regex.Pattern.compile(
              "(?m)^ready interface=" + java.util.regex.Pattern.quote(iface) + " port=\\d+"),
          READY_DEADLINE);
      return tunnel;
    }

    String config() {
      return render(keys, listenPort, mtu, peers);
    }
  }

  /** The wg-quick style file TunnelMain reads; Address lines are left out (set with ip addr). */
  static String render(Keys keys, int listenPort, int mtu, List<Peer> peers) {
    var out = new StringBuilder();
    out.append("[Interface]\n")
        .append("PrivateKey = ")
        .append(keys.privateBase64())
        .append('\n')
        .append("ListenPort = ")
        .append(listenPort)
        .append('\n')
        .append("MTU = ")
        .append(mtu)
        .append('\n');
    for (Peer p : peers) {
      out.append("\n[Peer]\nPublicKey = ").append(p.publicKey()).append('\n');
      line(out, "PresharedKey", p.presharedKeyOrNull());
      line(out, "Endpoint", p.endpointOrNull());
      line(out, "AllowedIPs", p.allowedIps());
      line(out, "PersistentKeepalive", p.keepaliveOrNull());
    }
    return out.toString();
  }

  private static void line(StringBuilder out, String key, Object valueOrNull) {
    if (valueOrNull != null) {
      out.append(key).append(" = ").append(valueOrNull).append('\n');
    }
  }

  public Namespace namespace() {
    return namespace;
  }

  public String iface() {
    return iface;
  }

  public int listenPort() {
    return listenPort;
  }

  public String publicKey() {
    return keys.publicBase64();
  }

  public LabProcess process() {
    return process;
  }

  /** Puts {@code cidr} on the interface; TunnelMain brings the link up, this makes sure. */
  public void setAddress(String cidr) {
    namespace.exec("ip", "addr", "add", cidr, "dev", iface);
    namespace.exec("ip", "link", "set", iface, "up");
  }

  /** Event one-liners printed so far, of kind {@code kind} ("handshake", "endpoint"...). */
  public List<Map<String, String>> events(String kind) {
    return TunnelEvents.parse(process.output(), kind);
  }

  /** Waits until at least {@code n} events of {@code kind} match; returns the n-th. */
  public Map<String, String> awaitEvent(
      String kind, Predicate<Map<String, String>> which, int n, Duration deadline) {
    var found = new ArrayList<Map<String, String>>();
    try {
      Await.until(
          n + " '" + kind + "' event(s) from Cordon on " + iface,
          deadline,
          () -> {
            if (!process.isAlive()) {
              throw new LabException("Cordon's tunnel exited with " + process.exitCode());
            }
            found.clear();
            events(kind).stream().filter(which).forEach(found::add);
            return found.size() >= n;
          });
    } catch (RuntimeException e) {
      throw new LabException(e.getMessage() + "\n--- Cordon output ---\n" + process.output(), e);
    }
    return found.get(n - 1);
  }

  /** The status file's last snapshot: key=value lines, a new peer section at each "peer=". */
  public List<Map<String, String>> status() {
    try {
      return Files.exists(statusFile)
          ? TunnelEvents.statusSections(Files.readString(statusFile))
          : List.of();
    } catch (IOException e) {
      throw new LabException("cannot read " + statusFile, e);
    }
  }

  /**
   * The status file as written (peer counters, a udp line, drop lines), or a note saying why there
   * is none; for failure messages.
   */
  public String statusText() {
    try {
      return Files.exists(statusFile)
          ? Files.readString(statusFile)
          : "(no status file " + statusFile + " yet)";
    } catch (IOException e) {
      return "(cannot read " + statusFile + ": " + e.getMessage() + ")";
    }
  }

  public void stop() {
    process.stop();
  }

  static Path writeSecret(Path file, String text) {
    try {
      Files.deleteIfExists(file);
      Files.createFile(
          file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.writeString(file, text, StandardCharsets.US_ASCII);
      return file;
    } catch (IOException e) {
      throw new LabException("cannot write " + file, e);
    }
  }
}
