package dev.cordon.tunnel;

/**
 * How the device's packet batches were processed since it opened: on the thread that read them (no
 * thread hand-off, the idle path) or by a worker (the loaded path). Together with {@link
 * dev.cordon.tunnel.udp.UdpStats#directSends()} this says how many thread wake-ups packets cost.
 *
 * @param batchesRunHere batches from the tunnel or the socket processed by the reading thread
 * @param batchesHandedOff batches queued to the workers (including any the full queue discarded)
 */
public record HandOffStats(long batchesRunHere, long batchesHandedOff) {}
