/**
 * Identities after enrollment: renewal from a CSR (refused for revoked, quarantined or pending
 * principals), the store-backed revocation list the verifier consults, administrators (the first
 * owner made at first start, then others from CSRs), and the controller's own TLS certificate.
 */
package dev.cordon.controller.identity;
