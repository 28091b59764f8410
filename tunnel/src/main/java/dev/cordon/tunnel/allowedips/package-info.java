/**
 * Cryptokey routing: a longest-prefix-match trie from IPv4 and IPv6 prefixes to peers. Outgoing
 * packets go to the peer whose allowed IPs hold the destination; decrypted packets are accepted
 * only when their source maps back to the peer that sent them.
 */
package dev.cordon.tunnel.allowedips;
