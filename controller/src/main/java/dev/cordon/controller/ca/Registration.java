package dev.cordon.controller.ca;

import java.net.InetAddress;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the registry says a certificate must contain: the principal, the WireGuard key to bind
 * (devices and gateways only) and, for controllers, the DNS names and IP addresses they serve TLS
 * on. Everything a certificate names comes from here, never from the CSR.
 */
public record Registration(
    Principal principal,
    Optional<WireGuardPublicKey> wireGuardKey,
    List<String> dnsNames,
    List<InetAddress> ipAddresses) {

  public Registration {
    Objects.requireNonNull(principal, "principal");
    Objects.requireNonNull(wireGuardKey, "wireGuardKey");
    dnsNames = List.copyOf(dnsNames);
    ipAddresses = List.copyOf(ipAddresses);
    PrincipalKind kind = principal.kind();
    if (kind.hasTunnelKey() && wireGuardKey.isEmpty()) {
      throw new IllegalArgumentException(
          "a " + kind.pathSegment() + " certificate must bind its WireGuard public key");
    }
    if (!kind.hasTunnelKey() && wireGuardKey.isPresent()) {
      throw new IllegalArgumentException(
          "a " + kind.pathSegment() + " has no tunnel, so no WireGuard key may be bound");
    }
    if (!kind.servesTls() && (!dnsNames.isEmpty() || !ipAddresses.isEmpty())) {
      throw new IllegalArgumentException(
          "only controllers get DNS/IP names; a "
              + kind.pathSegment()
              + " is named by its SPIFFE ID");
    }
  }

  public static Registration device(Principal device, WireGuardPublicKey key) {
    requireKind(device, PrincipalKind.DEVICE);
    return new Registration(device, Optional.of(key), List.of(), List.of());
  }

  public static Registration gateway(Principal gateway, WireGuardPublicKey key) {
    requireKind(gateway, PrincipalKind.GATEWAY);
    return new Registration(gateway, Optional.of(key), List.of(), List.of());
  }

  public static Registration admin(Principal admin) {
    requireKind(admin, PrincipalKind.ADMIN);
    return new Registration(admin, Optional.empty(), List.of(), List.of());
  }

  public static Registration controller(
      Principal controller, List<String> dnsNames, List<InetAddress> ipAddresses) {
    requireKind(controller, PrincipalKind.CONTROLLER);
    return new Registration(controller, Optional.empty(), dnsNames, ipAddresses);
  }

  private static void requireKind(Principal principal, PrincipalKind expected) {
    if (principal.kind() != expected) {
      throw new IllegalArgumentException(
          principal
              + " is a "
              + principal.kind().pathSegment()
              + ", not a "
              + expected.pathSegment());
    }
  }
}
