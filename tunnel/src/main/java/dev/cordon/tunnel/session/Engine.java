package dev.cordon.tunnel.session;

import dev.cordon.tunnel.allowedips.AllowedIps;
import dev.cordon.tunnel.allowedips.IpPrefix;
import dev.cordon.tunnel.crypto.Curve25519;
import dev.cordon.tunnel.crypto.Entropy;
import dev.cordon.tunnel.protocol.Clock;
import dev.cordon.tunnel.protocol.Constants;
import dev.cordon.tunnel.protocol.Handshake;
import dev.cordon.tunnel.protocol.HandshakeProtocol;
import dev.cordon.tunnel.protocol.Keypair;
import dev.cordon.tunnel.protocol.StaticIdentity;
import dev.cordon.tunnel.protocol.TimestampSource;
import dev.cordon.tunnel.ratelimit.RateLimiter;
import java.net.InetSocketAddress;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One WireGuard device's protocol state without any I/O: its peers, index table, allowed IPs, DoS
 * layer and timers. Datagrams go in through {@link #receive}, packets from the tunnel through
 * {@link #route} and {@link #send}, time through {@link #tick}; what to send or deliver comes out
 * through the caller's {@link Outbox}. Every {@code now} must come from the clock the engine was
 * built with. Nothing thrown by hostile input leaves {@link #receive}.
 */
public final class Engine {
  final HandshakeProtocol protocol;
  final IndexTable indexTable;
  final AllowedIps<Peer> allowedIps = new AllowedIps<>();
  final RateLimiter rateLimiter;
  final UnderLoad underLoad;
  final SessionEvents events;
  final int mtu;
  private final StaticIdentity identity;
  private final Clock clock;
  private final Entropy entropy;
  private final ConcurrentHashMap<String, Peer> peers = new ConcurrentHashMap<>();
  final Sender sender;
  private final Receiver receiver;
  private final TimerExpiry expiry;

  public Engine(
      StaticIdentity identity,
      Entropy entropy,
      Clock clock,
      TimestampSource timestamps,
      EngineOptions options,
      SessionEvents events) {
    this.identity = identity;
    this.clock = clock;
    this.entropy = entropy;
    this.protocol = new HandshakeProtocol(identity, Curve25519.DH, entropy, clock, timestamps);
    this.indexTable = new IndexTable(entropy);
    this.rateLimiter = new RateLimiter(clock::nanos);
    this.underLoad = new UnderLoad(options.underLoadThreshold());
    this.events = events;
    this.mtu = options.mtu();
    this.sender = new Sender(this);
    this.receiver = new Receiver(this);
    this.expiry = new TimerExpiry(this);
  }

  /** Our static public key. */
  public byte[] publicKey() {
    return identity.publicKey();
  }

  /**
   * Adds a peer (replacing any peer with the same key, whose sessions die). With a persistent
   * keepalive and an endpoint, the handshake starts at once.
   */
  public Peer addPeer(PeerSpec spec, long now, Outbox out) {
    removePeer(spec.publicKey());
    Handshake handshake = new Handshake(identity, spec.publicKey(), spec.presharedKey(), clock);
    Peer peer = new Peer(handshake, this::retire, this::jitterNanos);
    peers.put(peer.name(), peer);
    peer.lock.lock();
    try {
      peer.setEndpoint(spec.endpoint());
      peer.timers.setPersistentKeepalive(spec.persistentKeepalive(), now);
      spec.allowedIps().forEach(prefix -> allowedIps.insert(prefix, peer));
      if (spec.persistentKeepalive() > 0 && spec.endpoint() != null) {
        sender.sendKeepalive(peer, now, out);
      }
    } finally {
      peer.lock.unlock();
    }
    return peer;
  }

  /** Changes endpoint, allowed IPs and keepalive of a peer in place; its sessions live on. */
  public void updatePeer(
      Peer peer, InetSocketAddress endpoint, List<IpPrefix> allowed, int keepalive, long now) {
    peer.lock.lock();
    try {
      if (peer.isRemoved()) {
        return;
      }
      if (endpoint != null) {
        peer.setEndpoint(endpoint);
      }
      allowedIps.removeByPeer(peer);
      allowed.forEach(prefix -> allowedIps.insert(prefix, peer));
      peer.timers.setPersistentKeepalive(keepalive, now);
    } finally {
      peer.lock.unlock();
    }
  }

  /** Removes a peer and destroys its sessions at once: keys zeroed, indices freed, routes gone. */
  public boolean removePeer(byte[] publicKey) {
    Peer peer = peers.remove(Base64.getEncoder().encodeToString(publicKey));
    if (peer == null) {
      return false;
    }
    peer.lock.lock();
    try {
      peer.markRemoved();
      allowedIps.removeByPeer(peer);
      peer.keypairs.clear();
      freeHandshakeIndex(peer);
      peer.handshake.destroy();
      peer.timers.stopAll();
      peer.staged.clear();
    } finally {
      peer.lock.unlock();
    }
    return true;
  }

  public Peer peer(byte[] publicKey) {
    return peers.get(Base64.getEncoder().encodeToString(publicKey));
  }

  public Collection<Peer> peers() {
    return List.copyOf(peers.values());
  }

  Peer peerByName(String name) {
    return peers.get(name);
  }

  /** The peer whose allowed IPs hold the packet's destination, or null (drop: no route). */
  public Peer route(byte[] packet, int off, int len) {
    int dst = IpPackets.destinationOffset(packet, off, len);
    if (dst < 0) {
      return null;
    }
    return allowedIps.lookup(packet, dst, IpPackets.addressLength(packet, off));
  }

  /** Encrypts packet to peer, or stages it and starts a handshake when no session is usable. */
  public void send(Peer peer, byte[] packet, int off, int len, long now, Outbox out) {
    sender.send(peer, packet, off, len, now, out);
  }

  /** Handles one received datagram from source; drops anything hostile silently. */
  public void receive(
      byte[] buf, int off, int len, InetSocketAddress source, long now, Outbox out) {
    receiver.receive(buf, off, len, source, now, out);
  }

  /** Call before a batch of received datagrams with the handshake messages waiting (under load). */
  public void handshakesPending(int pending, long now) {
    underLoad.observe(pending, now);
  }

  /** Runs every timer due at now; returns the next deadline (Long.MAX_VALUE when none). */
  public long tick(long now, Outbox out) {
    long next = Long.MAX_VALUE;
    for (Peer peer : peers.values()) {
      next = Math.min(next, expiry.expire(peer, now, out));
    }
    return next;
  }

  void retire(Keypair keypair) {
    indexTable.delete(keypair.localIndex());
    keypair.destroy();
  }

  /** Frees the index of the handshake in flight, if it still names one. Peer lock held. */
  void freeHandshakeIndex(Peer peer) {
    if (peer.handshakeIndex != 0) {
      indexTable.deleteHandshake(peer.handshakeIndex);
      peer.handshakeIndex = 0;
    }
  }

  void drop(Drop reason) {
    events.dropped(reason);
  }

  private long jitterNanos() {
    byte[] r = new byte[4];
    entropy.fill(r);
    int bits = (r[0] & 0xFF) | (r[1] & 0xFF) << 8 | (r[2] & 0x7F) << 16;
    long max = Constants.REKEY_TIMEOUT_JITTER_MAX.toMillis() + 1;
    return (bits % max) * 1_000_000L;
  }
}
