package dev.cordon.gateway.enforce;

import java.util.concurrent.atomic.LongAdder;

/**
 * The stable handle the tunnel device keeps for one key while it is in the table. The entry behind
 * it changes with table versions (a quarantine swaps it); null means the key was removed, and every
 * packet still in flight for it is dropped. Also holds the peer's own counters.
 */
public final class PeerSlot {
  private final PeerKey key;
  private volatile GatewayPeer current;
  final LongAdder packetsIn = new LongAdder();
  final LongAdder bytesIn = new LongAdder();
  final LongAdder packetsOut = new LongAdder();
  final LongAdder bytesOut = new LongAdder();
  final LongAdder drops = new LongAdder();

  public PeerSlot(GatewayPeer peer) {
    this.key = peer.key();
    this.current = peer;
  }

  public PeerKey key() {
    return key;
  }

  /** The entry in force, or null once removed. */
  public GatewayPeer current() {
    return current;
  }

  public void set(GatewayPeer peer) {
    if (peer != null && !peer.key().equals(key)) throw new IllegalArgumentException("other key");
    current = peer;
  }

  public PeerCounters counters() {
    return new PeerCounters(
        packetsIn.sum(), bytesIn.sum(), packetsOut.sum(), bytesOut.sum(), drops.sum());
  }

  /** Per-device traffic as the gateway saw it: in = from the device, out = toward it. */
  public record PeerCounters(
      long packetsIn, long bytesIn, long packetsOut, long bytesOut, long drops) {}
}
