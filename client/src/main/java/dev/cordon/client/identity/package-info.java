/**
 * A device's identity, free of I/O beyond its own state directory: enrollment tokens, the WireGuard
 * and certificate keys, the CSR, PEM files, the state directory with its 0600 private files, and
 * the trust decision that pins the controller to the CA named in the token.
 */
package dev.cordon.client.identity;
