package dev.cordon.tunnel;

import java.net.InetSocketAddress;
import java.time.Instant;

/**
 * A peer's counters at one moment. Bytes count whole authenticated datagrams, handshakes included
 * (as {@code wg show} does); packets count transport messages, keepalives included.
 *
 * @param peer the public key in base64
 * @param lastHandshake when the last handshake completed, or null for never
 * @param endpoint where the peer is reached now, or null when unknown
 */
public record PeerStatus(
    String peer,
    long rxBytes,
    long txBytes,
    long rxPackets,
    long txPackets,
    Instant lastHandshake,
    InetSocketAddress endpoint) {}
