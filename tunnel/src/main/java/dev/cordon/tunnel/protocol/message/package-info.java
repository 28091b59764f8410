/**
 * The four WireGuard messages as flyweight views over a byte array: wrap a datagram, check its type
 * and exact length, read fields in place. One view per thread is reused for every packet, so
 * parsing allocates nothing. Offsets are named here and nowhere else.
 */
package dev.cordon.tunnel.protocol.message;
