package dev.cordon.controller.enroll;

import dev.cordon.controller.ca.CaFingerprint;
import java.util.Objects;

/**
 * What a token string carries: the id, the secret, where the controller is and which CA and trust
 * domain it belongs to. {@link #toString()} hides the secret, so a claim in a log line leaks
 * nothing.
 */
public record TokenClaim(
    String tokenId,
    byte[] secret,
    String controllerAddress,
    CaFingerprint caFingerprint,
    String trustDomain) {

  public TokenClaim {
    Objects.requireNonNull(tokenId);
    Objects.requireNonNull(caFingerprint);
    Objects.requireNonNull(trustDomain);
    secret = secret.clone();
  }

  @Override
  public byte[] secret() {
    return secret.clone();
  }

  @Override
  public String toString() {
    return "TokenClaim[" + tokenId + ", secret hidden, " + trustDomain + "]";
  }
}
