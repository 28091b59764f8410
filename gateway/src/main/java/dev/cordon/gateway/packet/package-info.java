/**
 * Reads the headers enforcement needs from an inner IP packet (IPv4 or IPv6, extension headers,
 * TCP/UDP ports and TCP flags, ICMP/ICMPv6 echo identifiers) into a reusable holder, without
 * allocating. A packet that cannot be read is refused, never guessed at.
 */
package dev.cordon.gateway.packet;
