package dev.cordon.controller.enroll;

import dev.cordon.controller.ca.Principal;
import java.net.InetAddress;
import java.security.cert.X509Certificate;
import java.util.List;

/** A new identity: the certificate, the CA bundle to trust, and the overlay address. */
public record Enrolled(
    Principal principal,
    X509Certificate certificate,
    List<X509Certificate> caBundle,
    InetAddress overlayAddress,
    boolean approvalPending) {

  public Enrolled {
    caBundle = List.copyOf(caBundle);
  }
}
