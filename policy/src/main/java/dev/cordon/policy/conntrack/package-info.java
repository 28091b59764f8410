/**
 * A connection tracker with no clock of its own (every call takes the time): flows keyed by 5-tuple
 * for TCP, UDP and ICMP over IPv4 and IPv6, replies matched to their original flow,
 * stateful-firewall timeouts, bounded size with least-recently-used eviction, and each entry
 * stamped with the table version its verdict came from so a new version re-checks live flows.
 */
package dev.cordon.policy.conntrack;
