package dev.cordon.policy.model;

/** A protected address or prefix, reached through one named gateway, on a protocol and ports. */
public record Service(
    String name, String gateway, IpPrefix prefix, Protocol protocol, PortSet ports) {

  public static Service of(String name, String gateway, String prefix, Protocol p, PortSet ports) {
    return new Service(name, gateway, IpPrefix.parse(prefix), p, ports);
  }
}
