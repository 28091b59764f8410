package dev.cordon.controller.ca;

import java.security.cert.X509Certificate;
import java.util.Objects;
import java.util.Optional;

/** The outcome of checking a presented chain: who it is, or why it is not trusted. */
public sealed interface Verification {

  /** The chain checks out; the principal and bound key come from the certificate. */
  record Trusted(
      Principal principal, Optional<WireGuardPublicKey> wireGuardKey, X509Certificate certificate)
      implements Verification {
    public Trusted {
      Objects.requireNonNull(principal);
      Objects.requireNonNull(wireGuardKey);
      Objects.requireNonNull(certificate);
    }
  }

  /** Not trusted; {@code detail} is for logs and operators and holds no key material. */
  record Refused(Reason reason, String detail) implements Verification {
    public Refused {
      Objects.requireNonNull(reason);
      Objects.requireNonNull(detail);
    }
  }

  enum Reason {
    EMPTY_CHAIN,
    /** The leaf was not issued by this CA. */
    UNKNOWN_ISSUER,
    BAD_SIGNATURE,
    /** The leaf is itself a CA certificate. */
    NOT_AN_END_ENTITY,
    NOT_YET_VALID,
    EXPIRED,
    /** The issuing CA or root is outside its own validity. */
    ISSUER_NOT_VALID,
    REVOKED,
    ISSUER_REVOKED,
    /** No single well-formed SPIFFE ID, or a malformed WireGuard key binding. */
    MALFORMED_IDENTITY,
    FOREIGN_TRUST_DOMAIN,
    /** The certificate lacks the extended key usage its kind requires, or its tunnel key. */
    WRONG_USAGE
  }

  default boolean isTrusted() {
    return this instanceof Trusted;
  }
}
