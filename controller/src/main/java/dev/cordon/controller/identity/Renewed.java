package dev.cordon.controller.identity;

import java.security.cert.X509Certificate;
import java.util.List;

/** A fresh certificate and the CA bundle to trust from now on. */
public record Renewed(X509Certificate certificate, List<X509Certificate> caBundle) {
  public Renewed {
    caBundle = List.copyOf(caBundle);
  }
}
