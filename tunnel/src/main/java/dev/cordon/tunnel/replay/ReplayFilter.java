package dev.cordon.tunnel.replay;

/**
 * Accepts each transport counter at most once, within a window of {@value #WINDOW_SIZE} counters
 * behind the highest one seen.
 *
 * <p>The bitmap is a ring of {@value #RING_BLOCKS} 64-bit blocks (RFC 6479). Moving forward only
 * clears whole blocks, so an advance costs at most one pass over the ring and never shifts bits.
 * One block is held back from the window: it is the block being recycled as the window slides, so
 * its bits may belong to counters that have already fallen out.
 *
 * <p>Counters are unsigned 64-bit values carried in a {@code long}. Not thread-safe: the keypair
 * that owns a filter serialises calls to it.
 */
public final class ReplayFilter {
  private static final int BLOCK_BITS_LOG = 6;
  private static final int BLOCK_BITS = 1 << BLOCK_BITS_LOG;
  static final int RING_BLOCKS = 128;
  private static final int BLOCK_MASK = RING_BLOCKS - 1;
  private static final int BIT_MASK = BLOCK_BITS - 1;

  /** How far behind the highest accepted counter a counter may arrive and still be accepted. */
  public static final int WINDOW_SIZE = (RING_BLOCKS - 1) * BLOCK_BITS;

  private final long[] ring = new long[RING_BLOCKS];
  private long last;

  /** Forgets every counter, as for a fresh keypair. */
  public void reset() {
    last = 0;
    java.util.Arrays.fill(ring, 0);
  }

  /**
   * Returns whether {@code counter} is new and recent, and if so records it.
   *
   * @param counter the counter from a transport message, unsigned
   * @param limit counters at or above this (unsigned) are refused; the protocol passes
   *     REJECT_AFTER_MESSAGES so a keypair can never wrap its nonce
   */
  public boolean validateCounter(long counter, long limit) {
    if (Long.compareUnsigned(counter, limit) >= 0) {
      return false;
    }
    long block = counter >>> BLOCK_BITS_LOG;
    if (Long.compareUnsigned(counter, last) > 0) {
      advanceTo(block);
      last = counter;
    } else if (Long.compareUnsigned(last - counter, WINDOW_SIZE) > 0) {
      return false;
    }
    int index = (int) (block & BLOCK_MASK);
    long bit = 1L << (counter & BIT_MASK);
    long old = ring[index];
    ring[index] = old | bit;
    return (old & bit) == 0;
  }

  /** Clears the blocks the window slides over; a jump past the whole ring clears all of it. */
  private void advanceTo(long block) {
    long current = last >>> BLOCK_BITS_LOG;
    long distance = Math.min(block - current, RING_BLOCKS);
    for (long i = 1; i <= distance; i++) {
      ring[(int) ((current + i) & BLOCK_MASK)] = 0;
    }
  }
}
