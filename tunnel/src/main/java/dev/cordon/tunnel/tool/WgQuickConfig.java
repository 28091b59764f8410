package dev.cordon.tunnel.tool;

import dev.cordon.tunnel.PeerConfig;
import dev.cordon.tunnel.allowedips.IpPrefix;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * A wg-quick style file: [Interface] PrivateKey, ListenPort, MTU; [Peer] PublicKey, PresharedKey,
 * Endpoint, AllowedIPs, PersistentKeepalive. Address, DNS and the wg-quick hooks are ignored (the
 * caller sets addresses). Keys are case-insensitive, '#' starts a comment.
 */
public record WgQuickConfig(byte[] privateKey, int listenPort, int mtu, List<PeerConfig> peers) {
  private static final List<String> IGNORED =
      List.of("address", "dns", "table", "preup", "postup", "predown", "postdown", "saveconfig");

  /** Parses the lines of a file; every problem names its line. */
  public static WgQuickConfig parse(List<String> lines) throws ConfigException {
    Parser p = new Parser();
    for (int i = 0; i < lines.size(); i++) {
      p.line(i + 1, lines.get(i));
    }
    return p.finish();
  }

  private static final class Parser {
    private String section;
    private byte[] privateKey;
    private int listenPort;
    private int mtu = 1420;
    private final List<PeerConfig> peers = new ArrayList<>();
    private PeerDraft peer;

    void line(int n, String raw) throws ConfigException {
      String line = raw.replaceFirst("#.*", "").strip();
      if (line.isEmpty()) {
        return;
      }
      if (line.startsWith("[") && line.endsWith("]")) {
        section(n, line.substring(1, line.length() - 1).strip().toLowerCase());
        return;
      }
      int eq = line.indexOf('=');
      if (eq < 0) {
        throw new ConfigException(n, "expected 'Key = Value', got '" + line + "'");
      }
      String key = line.substring(0, eq).strip().toLowerCase();
      String value = line.substring(eq + 1).strip();
      if (section == null) {
        throw new ConfigException(n, "'" + key + "' outside any [Interface] or [Peer] section");
      }
      if (section.equals("interface")) {
        interfaceKey(n, key, value);
      } else {
        peer.set(n, key, value);
      }
    }

    void section(int n, String name) throws ConfigException {
      if (!name.equals("interface") && !name.equals("peer")) {
        throw new ConfigException(n, "unknown section [" + name + "]");
      }
      closePeer();
      section = name;
      peer = name.equals("peer") ? new PeerDraft(n) : null;
    }

    void interfaceKey(int n, String key, String value) throws ConfigException {
      switch (key) {
        case "privatekey" -> privateKey = key32(n, value, "PrivateKey");
        case "listenport" -> listenPort = integer(n, value, 0, 65535, "ListenPort");
        case "mtu" -> mtu = integer(n, value, 68, 65535, "MTU");
        default -> {
          if (!IGNORED.contains(key)) {
            throw new ConfigException(n, "unknown [Interface] key '" + key + "'");
          }
        }
      }
    }

    void closePeer() throws ConfigException {
      if (peer != null) {
        peers.add(peer.build());
        peer = null;
      }
    }

    WgQuickConfig finish() throws ConfigException {
      closePeer();
      if (privateKey == null) {
        throw new ConfigException(0, "no PrivateKey in an [Interface] section");
      }
      return new WgQuickConfig(privateKey, listenPort, mtu, List.copyOf(peers));
    }
  }

  private static final class PeerDraft {
    private final int line;
    private byte[] publicKey;
    private byte[] presharedKey;
    private InetSocketAddress endpoint;
    private final List<IpPrefix> allowed = new ArrayList<>();
    private int keepalive;

    PeerDraft(int line) {
      this.line = line;
    }

    void set(int n, String key, String value) throws ConfigException {
      switch (key) {
        case "publickey" -> publicKey = key32(n, value, "PublicKey");
        case "presharedkey" -> presharedKey = key32(n, value, "PresharedKey");
        case "endpoint" -> endpoint = endpoint(n, value);
        case "allowedips" -> allowedIps(n, value);
        case "persistentkeepalive" ->
            keepalive =
                value.equals("off") ? 0 : integer(n, value, 0, 65535, "PersistentKeepalive");
        default -> throw new ConfigException(n, "unknown [Peer] key '" + key + "'");
      }
    }

    void allowedIps(int n, String value) throws ConfigException {
      for (String part : value.split(",")) {
        if (part.isBlank()) {
          continue;
        }
        try {
          allowed.add(IpPrefix.parse(part.strip()));
        } catch (IllegalArgumentException e) {
          throw new ConfigException(n, "AllowedIPs: not an IP prefix: '" + part.strip() + "'");
        }
      }
    }

    PeerConfig build() throws ConfigException {
      if (publicKey == null) {
        throw new ConfigException(line, "[Peer] without a PublicKey");
      }
      return new PeerConfig(publicKey, presharedKey, endpoint, allowed, keepalive);
    }
  }

  static byte[] key32(int n, String value, String name) throws ConfigException {
    byte[] key;
    try {
      key = Base64.getDecoder().decode(value);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(n, name + " is not base64");
    }
    if (key.length != 32) {
      throw new ConfigException(n, name + " must decode to 32 bytes, not " + key.length);
    }
    return key;
  }

  static int integer(int n, String value, int min, int max, String name) throws ConfigException {
    try {
      int v = Integer.parseInt(value);
      if (v >= min && v <= max) {
        return v;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new ConfigException(n, name + " must be a number in " + min + ".." + max + ": " + value);
  }

  static InetSocketAddress endpoint(int n, String value) throws ConfigException {
    int colon = value.lastIndexOf(':');
    if (colon <= 0) {
      throw new ConfigException(n, "Endpoint must be host:port or [v6]:port: " + value);
    }
    String host = value.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    int port = integer(n, value.substring(colon + 1), 1, 65535, "Endpoint port");
    try {
      return new InetSocketAddress(InetAddress.getByName(host), port);
    } catch (UnknownHostException e) {
      throw new ConfigException(n, "Endpoint host does not resolve: " + host);
    }
  }
}
