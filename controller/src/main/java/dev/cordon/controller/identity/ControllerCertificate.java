package dev.cordon.controller.identity;

import dev.cordon.controller.ca.CertificateAuthority;
import dev.cordon.controller.ca.Principal;
import dev.cordon.controller.ca.Registration;
import java.net.InetAddress;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;

/**
 * The controller's own TLS identity, issued at every start from a key that lives only in memory:
 * clients pin the CA, not this certificate, so nothing is lost by making a new one, and no
 * controller TLS key ever sits on disk.
 */
public record ControllerCertificate(PrivateKey key, List<X509Certificate> chain) {

  public ControllerCertificate {
    chain = List.copyOf(chain);
  }

  public static ControllerCertificate issue(
      CertificateAuthority ca,
      String name,
      List<String> dnsNames,
      List<InetAddress> addresses,
      Instant now,
      SecureRandom random) {
    KeyPair keys = LocalKeys.p256(random);
    Registration registration =
        Registration.controller(Principal.controller(name, ca.trustDomain()), dnsNames, addresses);
    X509Certificate leaf = ca.issue(now, registration, LocalKeys.csr(keys));
    // The issuing CA goes along even when it is the root: devices pin it by its fingerprint at
    // enrollment and can only match a certificate the server actually sends.
    List<X509Certificate> chain = List.of(leaf, ca.issuingCertificate());
    return new ControllerCertificate(keys.getPrivate(), chain);
  }

  @Override
  public String toString() {
    return "ControllerCertificate[" + chain.getFirst().getSubjectX500Principal() + ", key hidden]";
  }
}
