package dev.cordon.tunnel.tai64n;

import java.time.Instant;
import java.time.InstantSource;

/**
 * A 12-byte TAI64N label: 8 bytes big-endian of 2^62 + 10 + Unix seconds, then 4 bytes big-endian
 * of nanoseconds.
 *
 * <p>The nanoseconds are whitened (their low 24 bits cleared, a resolution of about 16.8 ms) so an
 * initiation does not reveal the sender's precise clock, which could help fingerprint it or time
 * side channels. The 1/50 s initiation-flood limit makes the coarser resolution harmless.
 *
 * <p>{@code seconds} and {@code nanoseconds} are unsigned: values decoded from the wire may use
 * every bit, and they compare the way the 12 bytes compare.
 */
public record Tai64n(long seconds, int nanoseconds) {
  /** The length of a timestamp on the wire. */
  public static final int LENGTH = 12;

  /** TAI64 labels count from 2^62; TAI is 10 s ahead of UTC at the Unix epoch. */
  static final long BASE = (1L << 62) + 10;

  /** Low nanosecond bits dropped before a timestamp leaves this host. */
  static final int WHITENER_MASK = (1 << 24) - 1;

  /** The whitened timestamp of {@code clock}'s current instant. */
  public static Tai64n now(InstantSource clock) {
    return of(clock.instant());
  }

  /** The whitened timestamp of {@code instant}. */
  public static Tai64n of(Instant instant) {
    return new Tai64n(BASE + instant.getEpochSecond(), instant.getNano() & ~WHITENER_MASK);
  }

  /** Reads a timestamp as sent, without whitening it again. */
  public static Tai64n read(byte[] source, int offset) {
    if (offset < 0 || source.length - offset < LENGTH) {
      throw new IllegalArgumentException("a TAI64N timestamp needs 12 bytes at offset " + offset);
    }
    long seconds = 0;
    for (int i = 0; i < 8; i++) {
      seconds = seconds << 8 | (source[offset + i] & 0xFF);
    }
    int nanos = 0;
    for (int i = 8; i < LENGTH; i++) {
      nanos = nanos << 8 | (source[offset + i] & 0xFF);
    }
    return new Tai64n(seconds, nanos);
  }

  /** Writes the 12 bytes at {@code offset}. */
  public void write(byte[] destination, int offset) {
    if (offset < 0 || destination.length - offset < LENGTH) {
      throw new IllegalArgumentException("a TAI64N timestamp needs 12 bytes at offset " + offset);
    }
    for (int i = 0; i < 8; i++) {
      destination[offset + i] = (byte) (seconds >>> (56 - 8 * i));
    }
    for (int i = 0; i < 4; i++) {
      destination[offset + 8 + i] = (byte) (nanoseconds >>> (24 - 8 * i));
    }
  }

  public byte[] toBytes() {
    byte[] bytes = new byte[LENGTH];
    write(bytes, 0);
    return bytes;
  }

  /**
   * Whether this timestamp is strictly later than {@code other}. A responder accepts an initiation
   * only if its timestamp is after the last accepted one, so an equal one is a replay.
   */
  public boolean after(Tai64n other) {
    int bySeconds = Long.compareUnsigned(seconds, other.seconds);
    return bySeconds != 0
        ? bySeconds > 0
        : Integer.compareUnsigned(nanoseconds, other.nanoseconds) > 0;
  }
}
