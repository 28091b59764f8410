package dev.cordon.client.cli;

import com.google.protobuf.ProtocolMessageEnum;
import com.google.protobuf.Timestamp;
import dev.cordon.proto.v1.Endpoint;
import dev.cordon.proto.v1.IpAddress;
import dev.cordon.proto.v1.IpPrefix;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;

/** How the CLI writes the contracts' values for people: the one place that decides. */
public final class Formats {

  private Formats() {}

  /** "100.64.0.7" or "fd00::7"; empty when unset; "invalid(n bytes)" when neither length. */
  public static String address(IpAddress address) {
    return octets(address.getOctets().toByteArray());
  }

  /** "10.20.0.0/16". */
  public static String prefix(IpPrefix prefix) {
    return octets(prefix.getOctets().toByteArray()) + "/" + prefix.getLength();
  }

  /** "gw.example:51820", or "[fd00::1]:51820" for an IPv6 literal. */
  public static String endpoint(Endpoint endpoint) {
    String host = endpoint.getHost();
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + endpoint.getPort();
  }

  /** ISO-8601 UTC ("2025-06-01T10:00:00Z"); empty when unset. */
  public static String time(Timestamp time) {
    if (time.getSeconds() == 0 && time.getNanos() == 0) {
      return "";
    }
    return Instant.ofEpochSecond(time.getSeconds()).toString();
  }

  /** A key as WireGuard writes it: standard base64 with padding. */
  public static String key(byte[] key) {
    return Base64.getEncoder().encodeToString(key);
  }

  /** The first 12 hex digits of a digest, enough to tell versions apart. */
  public static String shortHex(byte[] digest) {
    String hex = HexFormat.of().formatHex(digest);
    return hex.length() <= 12 ? hex : hex.substring(0, 12);
  }

  /** DEVICE_STATUS_ACTIVE with prefix "DEVICE_STATUS_" becomes "active". */
  public static String enumWord(ProtocolMessageEnum value, String prefix) {
    String name = ((Enum<?>) value).name();
    if (name.equals("UNRECOGNIZED")) {
      return "unknown";
    }
    String word = name.startsWith(prefix) ? name.substring(prefix.length()) : name;
    return word.toLowerCase(Locale.ROOT).replace('_', '-');
  }

  private static String octets(byte[] octets) {
    if (octets.length == 0) {
      return "";
    }
    if (octets.length != 4 && octets.length != 16) {
      return "invalid(" + octets.length + " bytes)";
    }
    try {
      return InetAddress.getByAddress(octets).getHostAddress();
    } catch (UnknownHostException e) {
      throw new IllegalStateException("4 or 16 bytes are always an address", e);
    }
  }
}
