package dev.cordon.tunnel.ratelimit;

import java.util.Arrays;

/**
 * An open-addressing hash table from source address to bucket state, in parallel primitive arrays
 * so lookups neither box keys nor allocate. It only ever grows until cleared: the limiter removes
 * entries by copying the live ones into a second table, which keeps deletion out of the probe
 * logic.
 */
final class SourceTable {
  static final byte EMPTY = 0;
  static final byte IPV4 = 4;
  static final byte IPV6 = 6;

  private final byte[] family;
  private final long[] high;
  private final long[] low;
  private final long[] lastTime;
  private final long[] tokens;
  private final int mask;
  private final int capacity;
  private final long seed;
  private int size;

  SourceTable(int capacity, long seed) {
    // At most half full, so probe runs stay short.
    int slots = Integer.highestOneBit(capacity * 2 - 1) << 1;
    this.family = new byte[slots];
    this.high = new long[slots];
    this.low = new long[slots];
    this.lastTime = new long[slots];
    this.tokens = new long[slots];
    this.mask = slots - 1;
    this.capacity = capacity;
    this.seed = seed;
  }

  int size() {
    return size;
  }

  /** The slot holding the address, or -1. */
  int find(byte f, long h, long l) {
    for (int slot = home(f, h, l); family[slot] != EMPTY; slot = (slot + 1) & mask) {
      if (family[slot] == f && high[slot] == h && low[slot] == l) {
        return slot;
      }
    }
    return -1;
  }

  /** Adds an address not yet present; false when the table already holds {@code capacity}. */
  boolean add(byte f, long h, long l, long time, long tokenCount) {
    if (size >= capacity) {
      return false;
    }
    int slot = home(f, h, l);
    while (family[slot] != EMPTY) {
      slot = (slot + 1) & mask;
    }
    family[slot] = f;
    high[slot] = h;
    low[slot] = l;
    update(slot, time, tokenCount);
    size++;
    return true;
  }

  long tokens(int slot) {
    return tokens[slot];
  }

  long lastTime(int slot) {
    return lastTime[slot];
  }

  void update(int slot, long time, long tokenCount) {
    lastTime[slot] = time;
    tokens[slot] = tokenCount;
  }

  /** Adds to {@code target} every entry last used at or after {@code since}. */
  void copyActive(SourceTable target, long since) {
    for (int slot = 0; slot < family.length; slot++) {
      if (family[slot] != EMPTY && lastTime[slot] - since >= 0) {
        target.add(family[slot], high[slot], low[slot], lastTime[slot], tokens[slot]);
      }
    }
  }

  void clear() {
    Arrays.fill(family, EMPTY);
    size = 0;
  }

  /** Mixes the seed in before the address, so colliding addresses depend on the seed. */
  private int home(byte f, long h, long l) {
    return (int) mix(mix(mix(h ^ seed) ^ l) + f) & mask;
  }

  private static long mix(long x) {
    x = (x ^ (x >>> 33)) * 0xFF51_AFD7_ED55_8CCDL;
    x = (x ^ (x >>> 33)) * 0xC4CE_B9FE_1A85_EC53L;
    return x ^ (x >>> 33);
  }
}
