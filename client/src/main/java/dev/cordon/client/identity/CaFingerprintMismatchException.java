package dev.cordon.client.identity;

import java.security.cert.CertificateException;

/**
 * The controller's chain does not contain the CA whose fingerprint the token pins: either the
 * address leads to another server, or the token belongs to another deployment.
 */
public final class CaFingerprintMismatchException extends CertificateException {

  public CaFingerprintMismatchException(String message) {
    super(message);
  }
}
