package dev.cordon.controller.ca;

import java.net.URI;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Who a certificate names, as the registry knows it: a kind, an id or name, and the trust domain.
 * Its SPIFFE ID is {@code spiffe://<trustDomain>/<kind>/<name>}.
 */
public record Principal(PrincipalKind kind, String name, String trustDomain) {

  /** SPIFFE trust domains are lowercase letters, digits, dots, dashes and underscores. */
  private static final Pattern TRUST_DOMAIN = Pattern.compile("[a-z0-9._-]{1,255}");

  /**
   * Names stay within one SPIFFE path segment's unreserved characters so that a name can never
   * smuggle a second segment or a percent-encoding into the URI.
   */
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,128}");

  public Principal {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(trustDomain, "trustDomain");
    if (!TRUST_DOMAIN.matcher(trustDomain).matches()) {
      throw new IllegalArgumentException(
          "trust domain '" + trustDomain + "' must be 1-255 of [a-z0-9._-]");
    }
    if (!NAME.matcher(name).matches() || name.equals(".") || name.equals("..")) {
      throw new IllegalArgumentException(
          "principal name '" + name + "' must be 1-128 of [A-Za-z0-9._-] and not '.' or '..'");
    }
  }

  public static Principal device(String id, String trustDomain) {
    return new Principal(PrincipalKind.DEVICE, id, trustDomain);
  }

  public static Principal gateway(String name, String trustDomain) {
    return new Principal(PrincipalKind.GATEWAY, name, trustDomain);
  }

  public static Principal admin(String name, String trustDomain) {
    return new Principal(PrincipalKind.ADMIN, name, trustDomain);
  }

  public static Principal controller(String name, String trustDomain) {
    return new Principal(PrincipalKind.CONTROLLER, name, trustDomain);
  }

  public URI spiffeId() {
    return URI.create("spiffe://" + trustDomain + "/" + kind.pathSegment() + "/" + name);
  }

  /**
   * Reads a SPIFFE ID back into a principal.
   *
   * @throws IllegalArgumentException naming what is wrong when the URI is not exactly {@code
   *     spiffe://<domain>/<kind>/<name>} with a known kind
   */
  public static Principal fromSpiffeId(URI uri) {
    String text = uri.toString();
    if (!"spiffe".equals(uri.getScheme())
        || uri.getRawAuthority() == null
        || uri.getRawQuery() != null
        || uri.getRawFragment() != null
        || uri.getRawUserInfo() != null
        || uri.getPort() != -1) {
      throw new IllegalArgumentException(
          "'" + text + "' is not spiffe://<trust domain>/<kind>/<name>");
    }
    String path = uri.getRawPath();
    String[] segments =
        path == null || path.isEmpty() ? new String[0] : path.substring(1).split("/", -1);
    if (segments.length != 2) {
      throw new IllegalArgumentException(
          "'" + text + "' must have exactly two path segments: /<kind>/<name>");
    }
    PrincipalKind kind =
        PrincipalKind.fromPathSegment(segments[0])
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "'"
                            + text
                            + "' names unknown kind '"
                            + segments[0]
                            + "'; known: device, gateway, admin, controller"));
    return new Principal(kind, segments[1], uri.getRawAuthority());
  }

  @Override
  public String toString() {
    return spiffeId().toString();
  }
}
