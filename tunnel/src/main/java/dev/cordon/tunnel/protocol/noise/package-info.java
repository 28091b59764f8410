/**
 * The Noise core of WireGuard's handshake, free of WireGuard's framing: the symmetric state
 * (chaining key, hash, mixHash/mixKey/encryptAndHash) and the two messages of the IKpsk2 pattern
 * over arbitrary payloads, so the generic Noise test vectors exercise exactly the code WireGuard
 * runs.
 */
package dev.cordon.tunnel.protocol.noise;
