package dev.cordon.tunnel.crypto;

/**
 * Where randomness comes from: SecureRandom::nextBytes in production, a fixed sequence in
 * known-answer tests.
 */
@FunctionalInterface
public interface Entropy {
  void fill(byte[] out);
}
