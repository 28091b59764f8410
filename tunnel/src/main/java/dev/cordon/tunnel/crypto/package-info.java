/**
 * The primitives WireGuard names and nothing else: BLAKE2s (HASH, MAC, HMAC and the KDF built on
 * it), X25519 with zero-secret refusal, ChaCha20-Poly1305 with WireGuard's nonce,
 * XChaCha20-Poly1305 for cookie replies, constant-time comparison and key zeroing. Stateless or
 * per-thread; no I/O.
 */
package dev.cordon.tunnel.crypto;
