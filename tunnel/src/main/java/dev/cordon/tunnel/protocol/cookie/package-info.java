/**
 * WireGuard's DoS layer: mac1 (proves the sender knows our public key), mac2 (proves it can receive
 * at its source address), and cookie replies. {@link
 * dev.cordon.tunnel.protocol.cookie.CookieChecker} is the receiving side, one per device; {@link
 * dev.cordon.tunnel.protocol.cookie.CookieGenerator} the sending side, one per peer. Deciding when
 * to demand mac2 (under load) is the caller's.
 */
package dev.cordon.tunnel.protocol.cookie;
