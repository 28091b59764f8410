package dev.cordon.tunnel.session;

import dev.cordon.tunnel.protocol.Handshake;
import dev.cordon.tunnel.protocol.Keypair;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Everything the session layer keeps for one peer: its handshake, keypairs, timers, initiation
 * filter, endpoint, packets staged while no session exists, and counters. The lock guards all of it
 * except the volatile endpoint, the keypair slots' reads and the counters.
 */
public final class Peer {
  /** Packets held for a peer while its handshake runs; older ones fall out first. */
  static final int MAX_STAGED_PACKETS = 128;

  final ReentrantLock lock = new ReentrantLock();
  final Handshake handshake;
  final Keypairs keypairs;
  final Timers timers;
  final InitiationFilter initiations = new InitiationFilter();
  final ArrayDeque<byte[]> staged = new ArrayDeque<>();
  private final byte[] publicKey;
  private final String name;
  private volatile InetSocketAddress endpoint;
  private volatile boolean removed;
  int handshakeIndex;
  long lastSentHandshakeNanos;
  boolean sentHandshake;
  volatile long lastHandshakeNanos = -1;
  final AtomicLong rxBytes = new AtomicLong();
  final AtomicLong txBytes = new AtomicLong();
  final AtomicLong rxPackets = new AtomicLong();
  final AtomicLong txPackets = new AtomicLong();

  Peer(Handshake handshake, Consumer<Keypair> retire, LongSupplier jitterNanos) {
    this.handshake = handshake;
    this.publicKey = handshake.remoteStatic();
    this.name = Base64.getEncoder().encodeToString(publicKey);
    this.keypairs = new Keypairs(retire);
    this.timers = new Timers(jitterNanos);
  }

  /** The peer's static public key (a copy). */
  public byte[] publicKey() {
    return publicKey.clone();
  }

  /** The public key in base64, as WireGuard configurations spell it. */
  public String name() {
    return name;
  }

  public InetSocketAddress endpoint() {
    return endpoint;
  }

  /** Sets the endpoint; the engine calls this only after a packet from there authenticated. */
  void setEndpoint(InetSocketAddress endpoint) {
    this.endpoint = endpoint;
  }

  public Keypairs keypairs() {
    return keypairs;
  }

  public Timers timers() {
    return timers;
  }

  public Handshake handshake() {
    return handshake;
  }

  public boolean isRemoved() {
    return removed;
  }

  void markRemoved() {
    removed = true;
  }

  /**
   * Holds a copy of packet until a session exists; the oldest falls out when full.
   *
   * @return whether an older packet fell out (the caller counts the drop)
   */
  boolean stage(byte[] packet) {
    boolean overflow = staged.size() >= MAX_STAGED_PACKETS;
    if (overflow) {
      staged.pollFirst();
    }
    staged.addLast(packet);
    return overflow;
  }

  public int stagedCount() {
    lock.lock();
    try {
      return staged.size();
    } finally {
      lock.unlock();
    }
  }

  public PeerStats stats() {
    return new PeerStats(
        rxBytes.get(),
        txBytes.get(),
        rxPackets.get(),
        txPackets.get(),
        lastHandshakeNanos,
        endpoint);
  }

  @Override
  public String toString() {
    return "peer " + name;
  }
}
