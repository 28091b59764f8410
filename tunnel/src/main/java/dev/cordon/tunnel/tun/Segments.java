package dev.cordon.tunnel.tun;

import java.util.Arrays;

/**
 * A reusable arena of packets: one byte array holding them back to back, with each packet's offset
 * and length. The {@link Segmenter} writes into it; the caller clears it before each use. It grows
 * (rarely, by doubling) but never shrinks, so a steady stream allocates nothing per packet.
 */
public final class Segments {
  private byte[] data;
  private int[] offsets;
  private int[] lengths;
  private int count;
  private int used;

  public Segments(int initialBytes, int initialPackets) {
    data = new byte[initialBytes];
    offsets = new int[initialPackets];
    lengths = new int[initialPackets];
  }

  public void clear() {
    count = 0;
    used = 0;
  }

  public int count() {
    return count;
  }

  /** The array holding every packet; valid until the next {@link #add}. */
  public byte[] data() {
    return data;
  }

  public int offset(int i) {
    return offsets[i];
  }

  public int length(int i) {
    return lengths[i];
  }

  /** A copy of packet {@code i}. */
  public byte[] copy(int i) {
    return Arrays.copyOfRange(data, offsets[i], offsets[i] + lengths[i]);
  }

  /** Appends room for a packet of {@code length} bytes; returns its offset in {@link #data()}. */
  int add(int length) {
    if (used + length > data.length) {
      data = Arrays.copyOf(data, Math.max(data.length * 2, used + length));
    }
    if (count == offsets.length) {
      offsets = Arrays.copyOf(offsets, count * 2 + 1);
      lengths = Arrays.copyOf(lengths, count * 2 + 1);
    }
    int at = used;
    offsets[count] = at;
    lengths[count] = length;
    count++;
    used += length;
    return at;
  }
}
