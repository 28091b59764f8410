package dev.cordon.tunnel;

import dev.cordon.tunnel.protocol.Clock;
import dev.cordon.tunnel.protocol.Constants;
import dev.cordon.tunnel.session.Engine;
import dev.cordon.tunnel.session.IpPackets;
import dev.cordon.tunnel.session.Peer;
import dev.cordon.tunnel.tun.TunDevice;
import dev.cordon.tunnel.tun.VirtioNetHeader;
import dev.cordon.tunnel.udp.DatagramBatch;
import dev.cordon.tunnel.udp.UdpTransport;
import io.netty.buffer.ByteBuf;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The device's packet paths, wireguard-go style: outside (UDP batches in, decrypt, tunnel out) and
 * inside (tunnel batches in, encrypt, UDP out). Under load a small fixed pool of workers takes
 * whole batches; a small batch of data while the workers are idle runs on the thread that read it,
 * which saves the idle packet a thread wake-up ({@link HandOff}). The engine's per-peer locks keep
 * each peer's handshake and keypair state in order whichever thread runs a batch.
 */
final class DataPath {
  private static final System.Logger LOG = System.getLogger(DataPath.class.getName());
  private static final int QUEUED_BATCHES = 256;

  /** The largest UDP payload; no datagram the socket hands over is longer. */
  private static final int MAX_DATAGRAM = 65535;

  private static final byte[] ZERO_HEADER = new byte[VirtioNetHeader.SIZE];

  /** A batch of work that can be thrown away (releasing what it holds) when the queue is full. */
  interface Job extends Runnable {
    void discard();
  }

  private final Engine engine;
  private final Clock clock;
  private final TunDevice tun;
  private final PacketPolicy policy;
  private final DropCounters drops;
  private final ThreadPoolExecutor workers;
  private final AtomicInteger pendingHandshakes = new AtomicInteger();
  private final HandOff handOff = new HandOff();

  /** The hand-off decisions of the UDP event loop (outside) and of the tunnel reader (inside). */
  private final HandOff.Reader outside = handOff.reader();

  private final HandOff.Reader inside = handOff.reader();
  private final ThreadLocal<ByteBuffer> tunWriteBuffer =
      ThreadLocal.withInitial(() -> ByteBuffer.allocateDirect(65536 + VirtioNetHeader.SIZE));

  /**
   * Each datagram is copied here for the engine, which reads it during the call and keeps nothing
   * of it (what it delivers or sends is in arrays of its own), so one array per thread serves all.
   */
  private final ThreadLocal<byte[]> receiveScratch =
      ThreadLocal.withInitial(() -> new byte[MAX_DATAGRAM]);

  private volatile UdpTransport udp;

  DataPath(
      Engine engine,
      Clock clock,
      TunDevice tun,
      PacketPolicy policy,
      DropCounters drops,
      int workerCount) {
    this.engine = engine;
    this.clock = clock;
    this.tun = tun;
    this.policy = policy;
    this.drops = drops;
    AtomicInteger n = new AtomicInteger();
    this.workers =
        new ThreadPoolExecutor(
            workerCount,
            workerCount,
            0,
            TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(QUEUED_BATCHES),
            r -> {
              Thread t = new Thread(r, "cordon-worker-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            },
            (r, pool) -> ((Job) r).discard());
  }

  void attach(UdpTransport udp) {
    this.udp = udp;
  }

  UdpTransport udp() {
    return udp;
  }

  Engine engine() {
    return engine;
  }

  HandOffStats handOffStats() {
    return handOff.stats();
  }

  /**
   * The UDP sink, on the event loop: count handshake messages (for under-load), then either decrypt
   * here (idle: see {@link HandOff}) or hand over. Handshake messages always go to the workers:
   * they cost hundreds of microseconds each and the event loop must keep reading under a flood, or
   * the under-load count never sees it.
   */
  void onDatagrams(DatagramBatch batch) {
    int handshakes = 0;
    for (int i = 0; i < batch.count(); i++) {
      ByteBuf p = batch.payload(i);
      int type = p.readableBytes() > 0 ? p.getByte(p.readerIndex()) : 0;
      if (type == Constants.TYPE_INITIATION || type == Constants.TYPE_RESPONSE) {
        handshakes++;
      }
    }
    if (handshakes == 0 && outside.runHere(batch.count(), clock.nanos())) {
      try {
        receive(batch);
      } catch (RuntimeException e) {
        failed("received datagrams", batch.count(), e);
      } finally {
        batch.release();
      }
    } else {
      handOffDatagrams(batch, handshakes);
    }
    outside.done(clock.nanos());
  }

  private void handOffDatagrams(DatagramBatch batch, int handshakes) {
    pendingHandshakes.addAndGet(handshakes);
    submit(
        new Job() {
          @Override
          public void run() {
            try {
              receive(batch);
            } catch (RuntimeException e) {
              failed("received datagrams", batch.count(), e);
            } finally {
              batch.release();
              pendingHandshakes.addAndGet(-handshakes);
            }
          }

          @Override
          public void discard() {
            drops.count(DropReason.WORKER_QUEUE_FULL, batch.count());
            batch.release();
            pendingHandshakes.addAndGet(-handshakes);
          }
        });
  }

  /**
   * Packets read from the tunnel: encrypted here when idle (see {@link HandOff}), else handed over.
   */
  void onPackets(List<byte[]> packets) {
    if (inside.runHere(packets.size(), clock.nanos())) {
      try {
        send(packets);
      } catch (RuntimeException e) {
        failed("tunnel packets", packets.size(), e);
      }
    } else {
      handOffPackets(packets);
    }
    inside.done(clock.nanos());
  }

  private void handOffPackets(List<byte[]> packets) {
    submit(
        new Job() {
          @Override
          public void run() {
            try {
              send(packets);
            } catch (RuntimeException e) {
              failed("tunnel packets", packets.size(), e);
            }
          }

          @Override
          public void discard() {
            drops.count(DropReason.WORKER_QUEUE_FULL, packets.size());
          }
        });
  }

  /** Runs the engine's timers; returns the next deadline. */
  long tick() {
    DeviceOutbox out = new DeviceOutbox(this);
    long next = engine.tick(clock.nanos(), out);
    out.flush();
    return next;
  }

  /** Writes a decrypted packet to the tunnel if the owner's policy allows it. */
  void deliver(DeviceOutbox.Inbound p) {
    Verdict verdict = policy.inbound(p.peer(), p.packet(), p.offset(), p.length());
    if (verdict instanceof Verdict.Relay) {
      relay(p);
      return;
    }
    if (!allowed(verdict)) {
      return;
    }
    ByteBuffer buf = tunWriteBuffer.get().clear();
    // With a virtio-net header, an all-zero one: a complete packet, nothing for the kernel to do.
    buf.put(ZERO_HEADER, 0, tun.offloads().headerLength());
    buf.put(p.packet(), p.offset(), p.length()).flip();
    try {
      tun.write(buf);
    } catch (ClosedChannelException e) {
      // The device is closing: nothing is lost that anyone still waits for.
      drops.count(DropReason.TUN_WRITE_FAILED);
      return;
    } catch (IOException e) {
      drops.count(DropReason.TUN_WRITE_FAILED);
      LOG.log(Level.WARNING, "tunnel write of a " + p.length() + "-byte packet failed", e);
      return;
    }
    if (buf.hasRemaining()) {
      drops.count(DropReason.TUN_SHORT_WRITE);
      LOG.log(
          Level.WARNING, "tunnel took " + buf.position() + " of a " + p.length() + "-byte packet");
    }
  }

  /** Sends a decrypted packet to the peer owning its destination (never back to its sender). */
  private void relay(DeviceOutbox.Inbound p) {
    Peer to = engine.route(p.packet(), p.offset(), p.length());
    if (to == null || to.name().equals(p.peer())) {
      drops.count(DropReason.NO_ROUTE);
      return;
    }
    DeviceOutbox out = new DeviceOutbox(this);
    engine.send(to, p.packet(), p.offset(), p.length(), clock.nanos(), out);
    out.flush();
  }

  void close() {
    workers.shutdown();
    try {
      workers.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void receive(DatagramBatch batch) {
    long now = clock.nanos();
    engine.handshakesPending(pendingHandshakes.get(), now);
    DeviceOutbox out = new DeviceOutbox(this);
    byte[] datagram = receiveScratch.get();
    for (int i = 0; i < batch.count(); i++) {
      ByteBuf p = batch.payload(i);
      int length = Math.min(p.readableBytes(), datagram.length);
      p.getBytes(p.readerIndex(), datagram, 0, length);
      engine.receive(datagram, 0, length, batch.address(i), now, out);
    }
    out.flush();
  }

  private void send(List<byte[]> packets) {
    long now = clock.nanos();
    DeviceOutbox out = new DeviceOutbox(this);
    for (byte[] packet : packets) {
      if (IpPackets.totalLength(packet, 0, packet.length) < 0) {
        drops.count(DropReason.NOT_IP);
        continue;
      }
      Peer peer = engine.route(packet, 0, packet.length);
      if (peer == null) {
        drops.count(DropReason.NO_ROUTE);
      } else if (allowed(policy.outbound(peer.name(), packet, 0, packet.length))) {
        engine.send(peer, packet, 0, packet.length, now, out);
      }
    }
    out.flush();
  }

  /** A bug, not hostile input: whatever the job still held is lost, so count and log it. */
  private void failed(String what, int count, RuntimeException e) {
    drops.count(DropReason.WORKER_ERROR, count);
    LOG.log(Level.ERROR, "a worker failed on a batch of " + count + " " + what, e);
  }

  private boolean allowed(Verdict verdict) {
    if (verdict instanceof Verdict.Drop(DropReason reason)) {
      drops.count(reason);
      return false;
    }
    return true;
  }

  /** Queues a job; {@link HandOff} counts it as outstanding until it ran or was discarded. */
  private void submit(Job job) {
    handOff.started();
    Job counted =
        new Job() {
          @Override
          public void run() {
            try {
              job.run();
            } finally {
              handOff.finished();
            }
          }

          @Override
          public void discard() {
            try {
              job.discard();
            } finally {
              handOff.finished();
            }
          }
        };
    try {
      workers.execute(counted);
    } catch (RuntimeException e) {
      counted.discard();
    }
  }
}
