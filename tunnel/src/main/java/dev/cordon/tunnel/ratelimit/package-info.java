/**
 * The per-source rate limit applied to handshake messages under load: a token bucket per source
 * address, in a fixed-size table that forgets idle sources, so its memory stays bounded whatever
 * arrives.
 */
package dev.cordon.tunnel.ratelimit;
