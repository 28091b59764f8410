package dev.cordon.controller.ca;

import java.util.Arrays;
import java.util.Optional;

/** What a certificate holder is; the name is also the SPIFFE path segment after the domain. */
public enum PrincipalKind {
  DEVICE("device"),
  GATEWAY("gateway"),
  ADMIN("admin"),
  CONTROLLER("controller");

  private final String pathSegment;

  PrincipalKind(String pathSegment) {
    this.pathSegment = pathSegment;
  }

  /** The segment in {@code spiffe://<domain>/<segment>/<name>}. */
  public String pathSegment() {
    return pathSegment;
  }

  /** Devices and gateways terminate tunnels, so their certificates bind a WireGuard key. */
  public boolean hasTunnelKey() {
    return this == DEVICE || this == GATEWAY;
  }

  /** Controllers serve TLS; everyone else only ever authenticates as a TLS client. */
  public boolean servesTls() {
    return this == CONTROLLER;
  }

  static Optional<PrincipalKind> fromPathSegment(String segment) {
    return Arrays.stream(values()).filter(k -> k.pathSegment.equals(segment)).findFirst();
  }
}
