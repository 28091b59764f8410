/**
 * The gateway's own certificate over its life: the key manager the controller session presents
 * (swappable, so a renewed certificate is used from the next TLS handshake on), the CA bundle the
 * controller is checked against (replaced by renewal, so a CA rotation needs no restart), the
 * renewal schedule (2/3 of the life, retries with backoff), the PKCS#10 request and the atomic swap
 * of the credential files in the state directory.
 */
package dev.cordon.gateway.identity;
