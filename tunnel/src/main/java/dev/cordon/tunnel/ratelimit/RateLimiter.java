package dev.cordon.tunnel.ratelimit;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.SplittableRandom;
import java.util.function.LongSupplier;

/**
 * Admits at most {@value #PACKETS_PER_SECOND} handshake messages per second from one source
 * address, with bursts of up to {@value #BURST}.
 *
 * <p>Each source has a bucket holding nanoseconds of credit, refilled by elapsed time and capped at
 * {@value #BURST} messages' worth; a message spends one message's worth. A fresh source starts
 * full, so a burst of exactly {@value #BURST} passes at one instant.
 *
 * <p>Time comes from the {@code nanoClock} passed in (monotonic nanoseconds), and sources idle for
 * over a second are forgotten by a sweep that runs during calls at most once a second, so the
 * limiter has no thread of its own. The table never grows: when it is full, a source it does not
 * already track is refused until the next sweep makes room, which under a flood of new sources errs
 * toward dropping. Lookups by int or long keys allocate nothing. Thread-safe.
 */
public final class RateLimiter {
  public static final int PACKETS_PER_SECOND = 20;
  public static final int BURST = 5;

  /** The default number of sources tracked at once. */
  public static final int DEFAULT_CAPACITY = 1 << 14;

  private static final long SECOND = 1_000_000_000L;
  static final long PACKET_COST = SECOND / PACKETS_PER_SECOND;
  private static final long MAX_TOKENS = PACKET_COST * BURST;

  /**
   * A source idle for longer than this has a full bucket anyway, so forgetting it loses nothing.
   */
  private static final long IDLE_TIME = SECOND;

  private final LongSupplier nanoClock;
  private SourceTable table;
  private SourceTable spare;
  private long lastSweep;

  public RateLimiter(LongSupplier nanoClock) {
    this(nanoClock, DEFAULT_CAPACITY);
  }

  /**
   * @param capacity how many sources may be tracked at once
   */
  public RateLimiter(LongSupplier nanoClock, int capacity) {
    if (capacity < 1 || capacity > 1 << 24) {
      throw new IllegalArgumentException("capacity " + capacity + " outside 1..2^24");
    }
    this.nanoClock = nanoClock;
    // A random seed keeps senders from choosing addresses that collide in the table.
    long seed = new SplittableRandom().nextLong();
    this.table = new SourceTable(capacity, seed);
    this.spare = new SourceTable(capacity, seed);
    this.lastSweep = nanoClock.getAsLong();
  }

  /** Whether a message from the IPv4 address (network order as an int) may go through now. */
  public boolean allowIpv4(int address) {
    return allow(SourceTable.IPV4, address & 0xFFFF_FFFFL, 0);
  }

  /** Whether a message from the IPv6 address (first and last 8 bytes, big-endian) may go now. */
  public boolean allowIpv6(long high, long low) {
    return allow(SourceTable.IPV6, high, low);
  }

  /** Whether a message from {@code address} may go through now. */
  public boolean allow(InetAddress address) {
    byte[] bytes = address.getAddress();
    return address instanceof Inet4Address
        ? allowIpv4(intAt(bytes, 0))
        : allowIpv6(longAt(bytes, 0), longAt(bytes, 8));
  }

  /** How many sources are tracked now; for tests and metrics. */
  public synchronized int trackedSources() {
    return table.size();
  }

  private synchronized boolean allow(byte family, long high, long low) {
    long now = nanoClock.getAsLong();
    if (now - lastSweep >= IDLE_TIME) {
      sweep(now);
    }
    int slot = table.find(family, high, low);
    if (slot < 0) {
      return table.add(family, high, low, now, MAX_TOKENS - PACKET_COST);
    }
    long tokens = Math.min(MAX_TOKENS, table.tokens(slot) + (now - table.lastTime(slot)));
    boolean allowed = tokens >= PACKET_COST;
    table.update(slot, now, allowed ? tokens - PACKET_COST : tokens);
    return allowed;
  }

  /** Copies the sources heard from within the last second into the spare table and swaps. */
  private void sweep(long now) {
    spare.clear();
    table.copyActive(spare, now - IDLE_TIME);
    SourceTable emptied = table;
    table = spare;
    spare = emptied;
    lastSweep = now;
  }

  private static int intAt(byte[] bytes, int offset) {
    return (bytes[offset] & 0xFF) << 24
        | (bytes[offset + 1] & 0xFF) << 16
        | (bytes[offset + 2] & 0xFF) << 8
        | (bytes[offset + 3] & 0xFF);
  }

  private static long longAt(byte[] bytes, int offset) {
    return (intAt(bytes, offset) & 0xFFFF_FFFFL) << 32 | (intAt(bytes, offset + 4) & 0xFFFF_FFFFL);
  }
}
