/**
 * Enrollment: tokens an admin creates (shown once, stored as SHA-256 of their secret) and their
 * redemption, which checks the token, claims an overlay address, registers the principal, issues
 * its certificate and spends one use in a single compare-and-set transaction. The token string's
 * encoding is a port ({@link dev.cordon.controller.enroll.TokenCodec}) so this package stays free
 * of proto types.
 */
package dev.cordon.controller.enroll;
