/**
 * The controller's certificate authority: it creates or imports an ECDSA P-256 issuing CA, issues
 * SPIFFE-style certificates from CSRs whose subject and names come only from the registry, binds a
 * WireGuard public key into device and gateway certificates, keeps a revocation list keyed by
 * issuer/serial and by public key, verifies presented chains at a given instant and decides when a
 * renewal may happen.
 *
 * <p>Pure domain code: no gRPC, no store. Every time-dependent call takes {@code now} and every
 * random value comes from a {@link java.security.SecureRandom} passed in, so tests control both.
 * The controller never generates or sees a device's private key.
 */
package dev.cordon.controller.ca;
