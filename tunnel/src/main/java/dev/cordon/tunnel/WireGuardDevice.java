package dev.cordon.tunnel;

import dev.cordon.tunnel.protocol.Clock;
import dev.cordon.tunnel.protocol.StaticIdentity;
import dev.cordon.tunnel.protocol.TimestampSource;
import dev.cordon.tunnel.session.Engine;
import dev.cordon.tunnel.session.EngineOptions;
import dev.cordon.tunnel.session.Peer;
import dev.cordon.tunnel.session.PeerSpec;
import dev.cordon.tunnel.session.PeerStats;
import dev.cordon.tunnel.tai64n.Tai64n;
import dev.cordon.tunnel.tun.TunDevice;
import dev.cordon.tunnel.tun.TunOffloads;
import dev.cordon.tunnel.udp.UdpOptions;
import dev.cordon.tunnel.udp.UdpStats;
import dev.cordon.tunnel.udp.UdpTransport;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A WireGuard interface: a TUN device, a UDP socket and a set of peers, speaking the protocol byte
 * for byte. Open one with {@link #builder()}; peers can be set and removed at any time while
 * traffic flows. Threads: one reads the tunnel, the UDP event loop receives, a small pool of
 * workers encrypts and decrypts whole batches under load (an idle packet is processed by the thread
 * that read it), and one thread runs the timers.
 */
public final class WireGuardDevice implements AutoCloseable {
  private final TunDevice tun;
  private final StaticIdentity identity;
  private final Engine engine;
  private final Clock clock;
  private final DataPath path;
  private final DropCounters drops;
  private final UdpTransport udp;
  private final TunReader reader;
  private final TimerLoop timers;
  private final List<Thread> threads = new ArrayList<>();
  private final Map<String, PeerConfig> configs = new ConcurrentHashMap<>();
  private volatile boolean closed;

  private WireGuardDevice(WireGuardDeviceBuilder b, TunDevice tun) throws IOException {
    this.tun = tun;
    this.clock = Clock.SYSTEM;
    this.identity = new StaticIdentity(b.privateKey);
    this.drops = new DropCounters();
    SecureRandom random = new SecureRandom();
    TimestampSource timestamps = (out, off) -> Tai64n.now(InstantSource.system()).write(out, off);
    this.engine =
        new Engine(
            identity,
            random::nextBytes,
            clock,
            timestamps,
            new EngineOptions(b.mtu, b.underLoadThreshold),
            new ListenerBridge(b.listener, drops));
    this.path = new DataPath(engine, clock, tun, b.policy, drops, b.workers);
    this.udp =
        UdpTransport.bind(UdpOptions.builder().port(b.listenPort).build(), path::onDatagrams);
    path.attach(udp);
    this.reader = new TunReader(tun, path::onPackets, drops);
    this.timers = new TimerLoop(path::tick, clock);
  }

  public static WireGuardDeviceBuilder builder() {
    return new WireGuardDeviceBuilder();
  }

  /** Creates the interface, binds the socket, brings the interface up and starts the threads. */
  static WireGuardDevice open(WireGuardDeviceBuilder b) throws IOException {
    TunDevice tun = TunDevice.open(b.interfaceName, b.mtu, b.offloads);
    WireGuardDevice device;
    try {
      device = new WireGuardDevice(b, tun);
    } catch (IOException | RuntimeException e) {
      tun.close();
      throw e;
    }
    try {
      device.start();
    } catch (IOException | RuntimeException e) {
      device.close();
      throw e;
    }
    return device;
  }

  private void start() throws IOException {
    tun.up();
    threads.add(Thread.ofPlatform().daemon().name("cordon-tun-reader").start(reader));
    threads.add(Thread.ofPlatform().daemon().name("cordon-timers").start(timers));
  }

  public String interfaceName() {
    return tun.name();
  }

  public int mtu() {
    return tun.mtu();
  }

  /** The TUN offloads the kernel agreed to ({@code none} when the builder turned them off). */
  public TunOffloads offloads() {
    return tun.offloads();
  }

  /** The UDP port we listen on (the kernel's choice when the builder asked for 0). */
  public int listenPort() {
    return udp.localAddress().getPort();
  }

  /** Our public key. */
  public byte[] publicKey() {
    return identity.publicKey();
  }

  /**
   * Adds a peer, or changes it in place when one with that key exists (its sessions live on unless
   * the preshared key changed, which needs a new handshake). O(1) in the number of peers, plus the
   * peer's own allowed IPs.
   */
  public void setPeer(PeerConfig config) {
    PeerConfig old = configs.put(config.name(), config);
    Peer existing = engine.peer(config.publicKey());
    DeviceOutbox out = new DeviceOutbox(path);
    if (existing != null
        && old != null
        && Arrays.equals(old.presharedKey(), config.presharedKey())) {
      engine.updatePeer(
          existing,
          config.endpoint(),
          config.allowedIps(),
          config.persistentKeepalive(),
          clock.nanos());
    } else {
      engine.addPeer(
          new PeerSpec(
              config.publicKey(),
              config.presharedKey(),
              config.endpoint(),
              config.allowedIps(),
              config.persistentKeepalive()),
          clock.nanos(),
          out);
    }
    out.flush();
  }

  /**
   * Removes a peer and destroys its sessions at once: keys zeroed, indices freed, allowed IPs
   * removed; its next packet either way is dropped.
   *
   * @return whether the peer existed
   */
  public boolean removePeer(byte[] publicKey) {
    configs.remove(java.util.Base64.getEncoder().encodeToString(publicKey));
    return engine.removePeer(publicKey);
  }

  /** The configuration of every peer. */
  public List<PeerConfig> peerConfigs() {
    return List.copyOf(configs.values());
  }

  /** Counters of one peer, if it exists. */
  public Optional<PeerStatus> peer(byte[] publicKey) {
    return Optional.ofNullable(engine.peer(publicKey)).map(this::status);
  }

  /** Counters of every peer. */
  public List<PeerStatus> peers() {
    return engine.peers().stream().map(this::status).toList();
  }

  /**
   * Drops so far, per reason (the policy's, the device's, the protocol's and the UDP transport's:
   * {@link DropReason#UDP_SEND_DROPPED} and {@link DropReason#UDP_SOCKET_ERROR}).
   */
  public Map<DropReason, Long> drops() {
    Map<DropReason, Long> all = drops.snapshot();
    UdpStats u = udp.stats();
    if (u.datagramsDropped() > 0) {
      all.put(DropReason.UDP_SEND_DROPPED, u.datagramsDropped());
    }
    if (u.socketErrors() > 0) {
      all.put(DropReason.UDP_SOCKET_ERROR, u.socketErrors());
    }
    return all;
  }

  /** How many packet batches ran on the thread that read them and how many went to a worker. */
  public HandOffStats handOffStats() {
    return path.handOffStats();
  }

  /** The UDP transport's counters: datagrams sent and received, GSO writes, failures. */
  public UdpStats udpStats() {
    return udp.stats();
  }

  /** Stops the threads, closes the socket and the interface, and zeroes every key. Idempotent. */
  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
    }
    reader.stop();
    timers.stop();
    tun.close();
    udp.close();
    path.close();
    for (Thread t : threads) {
      joinQuietly(t);
    }
    engine.peers().forEach(p -> engine.removePeer(p.publicKey()));
    identity.destroy();
  }

  private PeerStatus status(Peer peer) {
    PeerStats s = peer.stats();
    Instant last =
        s.lastHandshakeNanos() < 0
            ? null
            : Instant.now().minusNanos(clock.nanos() - s.lastHandshakeNanos());
    return new PeerStatus(
        peer.name(), s.rxBytes(), s.txBytes(), s.rxPackets(), s.txPackets(), last, s.endpoint());
  }

  private static void joinQuietly(Thread t) {
    try {
      t.join(2000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
