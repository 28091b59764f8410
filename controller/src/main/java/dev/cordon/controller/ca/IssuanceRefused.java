package dev.cordon.controller.ca;

import java.util.Objects;

/** The CA would not issue: the reason says why, the message says what was asked and allowed. */
public final class IssuanceRefused extends RuntimeException {

  public enum Reason {
    /** Not a parseable PKCS#10 request (DER or PEM). */
    MALFORMED_CSR,
    /** The request's signature does not verify under the public key it carries. */
    CSR_SIGNATURE_INVALID,
    /** The subject key is not one of the accepted algorithms. */
    KEY_TYPE_NOT_ALLOWED,
    /** The request asks for a subject other than the one the registry assigns. */
    SUBJECT_NOT_ALLOWED,
    /** The request asks for subject alternative names the registry does not assign. */
    NAMES_NOT_ALLOWED,
    /** The registration belongs to another trust domain than this CA's. */
    FOREIGN_TRUST_DOMAIN
  }

  private final Reason reason;

  public IssuanceRefused(Reason reason, String message) {
    super(message);
    this.reason = Objects.requireNonNull(reason);
  }

  public IssuanceRefused(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = Objects.requireNonNull(reason);
  }

  public Reason reason() {
    return reason;
  }
}
