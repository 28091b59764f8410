/**
 * The anti-replay window for transport counters: a sliding bitmap of 8128 counters in the style of
 * RFC 6479, which accepts each counter at most once and tolerates reordering within the window.
 */
package dev.cordon.tunnel.replay;
