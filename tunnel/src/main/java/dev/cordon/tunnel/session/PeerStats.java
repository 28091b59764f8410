package dev.cordon.tunnel.session;

import java.net.InetSocketAddress;

/**
 * A peer's counters at one moment. Bytes are whole authenticated datagrams (as {@code wg show}
 * counts them, handshakes included); packets are authenticated transport messages, keepalives
 * included.
 *
 * @param lastHandshakeNanos monotonic time of the last completed handshake, or -1 for never
 * @param endpoint where we send to now, or null when unknown
 */
public record PeerStats(
    long rxBytes,
    long txBytes,
    long rxPackets,
    long txPackets,
    long lastHandshakeNanos,
    InetSocketAddress endpoint) {}
