package dev.cordon.lab.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.DatagramChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sends valid handshake initiations to one responder and counts what comes back, always bounded by
 * {@code --count} and {@code --seconds}. Run inside a lab namespace only.
 *
 * <ul>
 *   <li>{@code --mode window}: at most {@code --window} initiations outstanding, each answered or
 *       given up after 250 ms; measures how many handshakes per second the responder completes
 *       without pushing it into under-load mode.
 *   <li>{@code --mode bursts}: {@code --burst} initiations back to back, then {@code --pause-ms};
 *       meant to push the responder under load so it answers with cookie replies.
 * </ul>
 *
 * <p>Initiator keys come from {@code --keys FILE} (one base64 private key a line: peers the
 * responder knows) or {@code --random-keys N} (strangers). Prints {@code first-cookie-reply} once
 * and a final {@code done sent=... responses=... cookie-replies=... seconds=... rate=...} line.
 */
public final class Flooder {
  static final Duration GIVE_UP = Duration.ofMillis(250);
  static final long MAX_COUNT = 1_000_000;
  static final long MAX_SECONDS = 60;

  /**
   * Responders drop a known peer's initiations that come faster than 50 a second (wireguard-go's
   * HandshakeInitationRate); the closed loop spaces each key's messages a little wider.
   */
  static final long PER_PEER_SPACING_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

  private final DatagramChannel channel;
  private final List<Initiations> initiators;
  private final Map<Integer, Long> outstanding = new ConcurrentHashMap<>();
  private final AtomicLong responses = new AtomicLong();
  private final AtomicLong cookieReplies = new AtomicLong();
  private final AtomicLong lastAnswerNanos = new AtomicLong();
  private final SecureRandom random = new SecureRandom();
  private final long[] lastSent;
  private volatile Semaphore window;

  private Flooder(DatagramChannel channel, List<Initiations> initiators) {
    this.channel = channel;
    this.initiators = initiators;
    this.lastSent = new long[initiators.size()];
  }

  public static void main(String[] argv) throws Exception {
    var args = Args.parse(argv);
    String[] target = args.text("--target").split(":");
    byte[] responder = Base64.getDecoder().decode(args.text("--responder-public-key"));
    long count = Math.min(args.number("--count", 2000), MAX_COUNT);
    long seconds = Math.min(args.number("--seconds", 10), MAX_SECONDS);
    var random = new SecureRandom();
    var initiators = new ArrayList<Initiations>();
    for (Keys k : keys(args)) {
      initiators.add(new Initiations(k, responder, random));
    }
    try (var channel = DatagramChannel.open()) {
      channel.connect(new InetSocketAddress(target[0], Integer.parseInt(target[1])));
      var flooder = new Flooder(channel, initiators);
      var receiver = Thread.ofPlatform().daemon().start(flooder::receive);
      long start = System.nanoTime();
      long deadline = start + TimeUnit.SECONDS.toNanos(seconds);
      long sent =
          switch (args.text("--mode", "window")) {
            case "window" -> flooder.window(count, deadline, (int) args.number("--window", 64));
            case "bursts" ->
                flooder.bursts(
                    count,
                    deadline,
                    (int) args.number("--burst", 500),
                    args.number("--pause-ms", 200));
            default -> throw new IllegalArgumentException("--mode is window or bursts");
          };
      flooder.drain(Math.min(deadline + GIVE_UP.toNanos(), System.nanoTime() + GIVE_UP.toNanos()));
      channel.close();
      receiver.join(1000);
      flooder.report(sent, start);
    }
  }

  private static List<Keys> keys(Args args) throws IOException {
    var out = new ArrayList<Keys>();
    if (args.values().containsKey("--keys")) {
      for (String line : Files.readAllLines(Path.of(args.text("--keys")))) {
        if (!line.isBlank()) {
          out.add(Keys.fromPrivateBase64(line));
        }
      }
    } else {
      long n = Math.min(args.number("--random-keys", 64), 4096);
      for (int i = 0; i < n; i++) {
        out.add(Keys.generate());
      }
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException("no initiator keys");
    }
    return out;
  }

  /** Closed loop: a new initiation only when one of at most {@code size} is answered or lost. */
  private long window(long count, long deadline, int size)
      throws IOException, InterruptedException {
    window = new Semaphore(size);
    long sent = 0;
    while (sent < count && System.nanoTime() < deadline) {
      if (!window.tryAcquire(10, TimeUnit.MILLISECONDS)) {
        expire();
        continue;
      }
      spaceOut(sent);
      send(sent++);
    }
    return sent;
  }

  private long bursts(long count, long deadline, int burst, long pauseMillis)
      throws IOException, InterruptedException {
    long sent = 0;
    while (sent < count && System.nanoTime() < deadline) {
      for (int i = 0; i < burst && sent < count; i++) {
        send(sent++);
      }
      Thread.sleep(pauseMillis);
    }
    return sent;
  }

  /**
   * Round robin over the keys so each peer's initiations are spaced far beyond the responder's
   * per-peer flood limit; one distinct nanosecond each keeps every peer's TAI64N growing.
   */
  private void send(long n) throws IOException {
    var initiations = initiators.get((int) (n % initiators.size()));
    int index = random.nextInt();
    long epochNanos = System.currentTimeMillis() * 1_000_000L + n % 1_000_000L;
    outstanding.put(index, System.nanoTime());
    channel.write(ByteBuffer.wrap(initiations.create(index, epochNanos)));
  }

  /** Waits until the key message {@code n} uses may send again without being rate-limited. */
  private void spaceOut(long n) {
    int key = (int) (n % initiators.size());
    long wait = lastSent[key] + PER_PEER_SPACING_NANOS - System.nanoTime();
    if (lastSent[key] != 0 && wait > 0) {
      java.util.concurrent.locks.LockSupport.parkNanos(wait);
    }
    lastSent[key] = System.nanoTime();
  }

  private void receive() {
    byte[] buf = new byte[2048];
    var bb = ByteBuffer.wrap(buf);
    try {
      while (true) {
        bb.clear();
        channel.read(bb);
        int type = Initiations.typeOf(buf, bb.position());
        if (type < 0 || outstanding.remove(Initiations.receiverIndex(buf, type)) == null) {
          continue;
        }
        lastAnswerNanos.set(System.nanoTime());
        if (type == Initiations.TYPE_RESPONSE) {
          responses.incrementAndGet();
        } else if (cookieReplies.getAndIncrement() == 0) {
          System.out.println("first-cookie-reply");
          System.out.flush();
        }
        var w = window;
        if (w != null) {
          w.release();
        }
      }
    } catch (AsynchronousCloseException e) {
      // The run is over.
    } catch (IOException e) {
      System.out.println("receive-error " + e.getMessage());
    }
  }

  private void expire() {
    long cutoff = System.nanoTime() - GIVE_UP.toNanos();
    outstanding
        .entrySet()
        .removeIf(
            e -> {
              boolean old = e.getValue() < cutoff;
              if (old && window != null) {
                window.release();
              }
              return old;
            });
  }

  private void drain(long until) throws InterruptedException {
    while (!outstanding.isEmpty() && System.nanoTime() < until) {
      Thread.sleep(5);
    }
  }

  private void report(long sent, long start) {
    long end = Math.max(lastAnswerNanos.get(), start + 1);
    double seconds = (end - start) / 1e9;
    System.out.printf(
        "done sent=%d responses=%d cookie-replies=%d seconds=%.3f rate=%.1f%n",
        sent, responses.get(), cookieReplies.get(), seconds, responses.get() / seconds);
  }
}
