package dev.cordon.controller.ca;

import java.util.Objects;

/**
 * Material for a CA whose root stays offline: the issuing CA's certificate and private key (PEM,
 * PKCS#8 or SEC1, unencrypted) signed by the root, and the root's certificate as trust anchor.
 */
public record ImportedCa(
    byte[] issuingCertificatePem, byte[] issuingKeyPem, byte[] rootCertificatePem) {

  public ImportedCa {
    Objects.requireNonNull(issuingCertificatePem, "issuingCertificatePem");
    Objects.requireNonNull(issuingKeyPem, "issuingKeyPem");
    Objects.requireNonNull(rootCertificatePem, "rootCertificatePem");
  }

  /** Never print key material, even by accident in a log line. */
  @Override
  public String toString() {
    return "ImportedCa[issuing certificate, issuing key (hidden), root certificate]";
  }
}
