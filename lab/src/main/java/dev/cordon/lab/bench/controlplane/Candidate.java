package dev.cordon.lab.bench.controlplane;

import dev.cordon.client.identity.CertificateKeys;
import dev.cordon.client.identity.WireGuardKeyPair;
import java.security.KeyPair;
import java.security.SecureRandom;

/**
 * One simulated device or gateway before it enrolls: its token and the keys and CSR it made itself.
 * Made before the clock starts, because real devices make their keys on their own CPUs.
 */
record Candidate(String token, KeyPair certificateKey, byte[] csr, byte[] wireguardPublicKey) {

  static Candidate make(String token, SecureRandom random) {
    KeyPair keys = CertificateKeys.generate(random);
    return new Candidate(
        token,
        keys,
        CertificateKeys.csr(keys, "cordon bench"),
        WireGuardKeyPair.generate(random).publicKey());
  }
}
