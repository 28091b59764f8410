/**
 * WireGuard's protocol as a pure state machine: the constants, the handshake (create/consume
 * initiation and response, begin session) over the Noise core in {@code .noise}, and the keypairs
 * it yields. Message codecs live in {@code .message}, mac1/mac2 and cookies in {@code .cookie}.
 * Clock, randomness and timestamps are passed in; nothing here does I/O, starts a thread or imports
 * Netty or gRPC. Callers serialize access per peer.
 */
package dev.cordon.tunnel.protocol;
