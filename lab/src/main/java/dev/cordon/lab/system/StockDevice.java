package dev.cordon.lab.system;

import dev.cordon.lab.LabException;
import dev.cordon.lab.LabProcess;
import dev.cordon.lab.Namespace;
import dev.cordon.lab.Result;
import dev.cordon.lab.WireGuardGo;
import dev.cordon.lab.bench.LabJava;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * A device that runs stock WireGuard (wireguard-go) and was enrolled with {@code cordon enroll
 * --wg-quick FILE}: the generated file is applied as it is ({@code wg setconf}, the address with
 * {@code ip}), and a route goes through the tunnel for each allowed prefix.
 */
public final class StockDevice {
  private final Namespace namespace;
  private final String deviceId;
  private final WgQuick config;
  private final Path wgQuickFile;
  private WireGuardGo wireguard;

  private StockDevice(Namespace ns, String deviceId, WgQuick config, Path wgQuickFile) {
    this.namespace = ns;
    this.deviceId = deviceId;
    this.config = config;
    this.wgQuickFile = wgQuickFile;
  }

  /** Enrolls with {@code tokenFile} from inside {@code ns}; the tunnel is not up yet. */
  public static StockDevice enroll(Namespace ns, Path tokenFile) {
    Path state = ns.lab().runDirectory().resolve("device-" + ns.role());
    Path file = state.resolveSibling("device-" + ns.role() + ".conf");
    Result r =
        CordonCli.enroll(
            ns, tokenFile, "--state-dir", state.toString(), "--wg-quick", file.toString());
    if (!r.ok()) {
      throw new LabException(
          "enrolling " + ns + " failed with " + r.exitCode() + ": " + r.stdout() + r.stderr());
    }
    try {
      var identity = new Properties();
      identity.load(
          new StringReader(
              Files.readString(state.resolve("identity.properties"), StandardCharsets.UTF_8)));
      String id = identity.getProperty("device-id", "");
      if (id.isBlank()) {
        throw new LabException("enrollment left no device-id in " + state);
      }
      return new StockDevice(
          ns, id, WgQuick.parse(Files.readString(file, StandardCharsets.UTF_8)), file);
    } catch (IOException e) {
      throw new LabException("cannot read what enrollment wrote for " + ns, e);
    }
  }

  /** Starts wireguard-go and applies the generated configuration, with routes for its peers. */
  public void up() {
    wireguard = WireGuardGo.start(namespace, namespace.lab().interfaceName("dev"), 51820);
    Path setconf = wgQuickFile.resolveSibling(wgQuickFile.getFileName() + ".setconf");
    try {
      Files.writeString(setconf, config.forSetconf(), StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new LabException("cannot write " + setconf, e);
    }
    namespace.exec("wg", "setconf", wireguard.iface(), setconf.toString());
    wireguard.setAddress(config.address());
    for (var peer : config.peers()) {
      for (String prefix : peer.allowedIps()) {
        route(prefix);
      }
    }
  }

  /**
   * Lets this device send {@code prefix} to its gateway too, beyond what its policy allows: the
   * stock device is not trusted, so the gateway alone must stop what policy denies.
   */
  public void widen(String prefix) {
    var gateway = gatewayPeer();
    var allowed = new ArrayList<>(gateway.allowedIps());
    allowed.add(prefix);
    namespace.exec(
        "wg",
        "set",
        wireguard.iface(),
        "peer",
        gateway.publicKey(),
        "allowed-ips",
        String.join(",", allowed));
    route(prefix);
  }

  /** Puts another address on the tunnel interface, to send from it (spoofing). */
  public void addAddress(String cidr) {
    namespace.exec("ip", "addr", "add", cidr, "dev", wireguard.iface());
  }

  /** One bounded echo exchange with {@code host:port}; see {@link Probe}. */
  public Result probe(String host, int port, int bytes, int timeoutMillis, String bindOrNull) {
    var args =
        new ArrayList<>(
            List.of(
                "once",
                host,
                Integer.toString(port),
                Integer.toString(bytes),
                Integer.toString(timeoutMillis)));
    if (bindOrNull != null) {
      args.add(bindOrNull);
    }
    return namespace.execAllowFail(LabJava.command(null, Probe.class, args.toArray(String[]::new)));
  }

  /** A paced echo transfer running in the background; see {@link Probe}. */
  public LabProcess stream(String host, int port, int maxSeconds, int stallMillis) {
    return LabJava.start(
        namespace,
        "stream-" + namespace.role(),
        Probe.class,
        "stream",
        host,
        Integer.toString(port),
        Integer.toString(maxSeconds),
        Integer.toString(stallMillis));
  }

  /** Seconds since the epoch of the latest handshake with the gateway (0: none). */
  public long latestHandshake() {
    return wireguard.latestHandshakes().getOrDefault(gatewayPeer().publicKey(), 0L);
  }

  /**
   * Removes the gateway peer and adds it back unchanged: the session is forgotten, so the next
   * packet makes wireguard-go send a fresh handshake initiation.
   */
  public void forgetSession() {
    var gateway = gatewayPeer();
    List<String> allowed = currentAllowedIps();
    namespace.exec("wg", "set", wireguard.iface(), "peer", gateway.publicKey(), "remove");
    wireguard.addPeer(gateway.publicKey(), String.join(",", allowed), gateway.endpoint(), 25);
  }

  private List<String> currentAllowedIps() {
    String out = wireguard.show("allowed-ips").stdout();
    for (String line : out.split("\n")) {
      String[] parts = line.strip().split("\\s+");
      if (parts.length > 1 && parts[0].equals(gatewayPeer().publicKey())) {
        return List.of(parts).subList(1, parts.length);
      }
    }
    return gatewayPeer().allowedIps();
  }

  private void route(String prefix) {
    namespace.exec("ip", "route", "replace", prefix, "dev", wireguard.iface());
  }

  private WgQuick.Peer gatewayPeer() {
    if (config.peers().size() != 1) {
      throw new LabException("expected one gateway peer in the wg-quick file, found " + config);
    }
    return config.peers().getFirst();
  }

  public String deviceId() {
    return deviceId;
  }

  /** The overlay address without prefix length. */
  public String overlayAddress() {
    return config.address().replaceAll("/\\d+$", "");
  }

  public WgQuick config() {
    return config;
  }

  public Namespace namespace() {
    return namespace;
  }

  public WireGuardGo wireguard() {
    return wireguard;
  }

  /** The device's WireGuard public key, as {@code wg} prints it. */
  public String publicKey() {
    return wireguard.show("public-key").stdout().strip();
  }
}
