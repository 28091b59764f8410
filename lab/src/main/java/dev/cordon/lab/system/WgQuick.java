package dev.cordon.lab.system;

import java.util.ArrayList;
import java.util.List;

/**
 * The parts of a wg-quick file that {@code cordon enroll --wg-quick} writes: the interface's
 * address and each peer (gateway) with its endpoint and allowed IPs. {@link #forSetconf} is the
 * same file without the wg-quick-only keys, for {@code wg setconf}.
 */
public record WgQuick(String text, String address, List<Peer> peers) {

  public record Peer(String publicKey, String endpoint, List<String> allowedIps) {}

  public static WgQuick parse(String text) {
    String address = null;
    var peers = new ArrayList<Peer>();
    String key = null;
    String endpoint = null;
    List<String> allowed = List.of();
    boolean inPeer = false;
    for (String raw : (text + "\n[End]").split("\n")) {
      String line = raw.strip();
      if (line.startsWith("[")) {
        if (inPeer) {
          peers.add(new Peer(key, endpoint, allowed));
        }
        inPeer = line.equals("[Peer]");
        key = null;
        endpoint = null;
        allowed = List.of();
        continue;
      }
      int eq = line.indexOf('=');
      if (line.startsWith("#") || eq < 0) {
        continue;
      }
      String name = line.substring(0, eq).strip();
      String value = line.substring(eq + 1).strip();
      switch (name) {
        case "Address" -> address = value;
        case "PublicKey" -> key = value;
        case "Endpoint" -> endpoint = value;
        case "AllowedIPs" -> allowed = List.of(value.split("\\s*,\\s*"));
        default -> {}
      }
    }
    return new WgQuick(text, address, List.copyOf(peers));
  }

  /** The file without Address, DNS, MTU and the other keys only wg-quick understands. */
  public String forSetconf() {
    var out = new StringBuilder();
    for (String line : text.split("\n")) {
      String name = line.contains("=") ? line.substring(0, line.indexOf('=')).strip() : "";
      if (!List.of(
              "Address",
              "DNS",
              "MTU",
              "Table",
              "PreUp",
              "PostUp",
              "PreDown",
              "PostDown",
              "SaveConfig")
          .contains(name)) {
        out.append(line).append('\n');
      }
    }
    return out.toString();
  }

  @Override
  public String toString() {
    return "WgQuick[" + address + ", " + peers + "]"; // never the private key
  }
}
