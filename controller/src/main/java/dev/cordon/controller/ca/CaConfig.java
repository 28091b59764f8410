package dev.cordon.controller.ca;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Objects;

/**
 * Where the CA lives, which trust domain it serves, how it issues, and its source of randomness
 * (serials, key generation, ECDSA nonces).
 */
public record CaConfig(
    Path directory, String trustDomain, IssuanceOptions options, SecureRandom random) {

  public CaConfig {
    Objects.requireNonNull(directory, "directory");
    Objects.requireNonNull(options, "options");
    Objects.requireNonNull(random, "random");
    // Reuse Principal's trust-domain rule so the CA can never serve a domain no SPIFFE ID can name.
    Principal.controller("ca", trustDomain);
  }

  public static CaConfig of(Path directory, String trustDomain) {
    return new CaConfig(directory, trustDomain, IssuanceOptions.DEFAULT, new SecureRandom());
  }

  public CaConfig withOptions(IssuanceOptions options) {
    return new CaConfig(directory, trustDomain, options, random);
  }

  public CaConfig withRandom(SecureRandom random) {
    return new CaConfig(directory, trustDomain, options, random);
  }
}
