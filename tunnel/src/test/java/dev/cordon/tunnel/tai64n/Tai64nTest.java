package dev.cordon.tunnel.tai64n;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.InstantSource;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class Tai64nTest {
  private static final HexFormat HEX = HexFormat.of();

  private static String hex(Tai64n stamp) {
    return HEX.formatHex(stamp.toBytes());
  }

  @Test
  void theUnixEpochIsTwoToTheSixtySecondPlusTenSeconds() {
    assertEquals("400000000000000a00000000", hex(Tai64n.of(Instant.EPOCH)));
  }

  @Test
  void aKnownInstantEncodesBigEndianWithWhitenedNanoseconds() {
    Instant instant = Instant.ofEpochSecond(1_700_000_000L, 123_456_789);
    // 1,700,000,000 = 0x6553f100; 123,456,789 = 0x075bcd15, whitened to 0x07000000.
    assertEquals("400000006553f10a07000000", hex(Tai64n.now(InstantSource.fixed(instant))));
  }

  @Test
  void instantsWithinOneWhiteningStepGiveTheSameTimestamp() {
    Tai64n early = Tai64n.of(Instant.ofEpochSecond(5, 16_777_216));
    Tai64n late = Tai64n.of(Instant.ofEpochSecond(5, 16_777_216 * 2 - 1));
    assertEquals(early, late, "the low 24 bits of the nanoseconds never leave the host");
    assertTrue(Tai64n.of(Instant.ofEpochSecond(5, 16_777_216 * 2)).after(early));
  }

  @Test
  void afterIsStrictSoAnEqualTimestampCountsAsAReplay() {
    Tai64n stamp = Tai64n.of(Instant.ofEpochSecond(100, 500_000_000));
    assertFalse(stamp.after(stamp));
    assertTrue(Tai64n.of(Instant.ofEpochSecond(101)).after(stamp), "a later second");
    assertFalse(
        Tai64n.of(Instant.ofEpochSecond(99, 999_000_000)).after(stamp), "an earlier second");
  }

  @Test
  void wireValuesWithTheTopBitSetCompareAsUnsignedBytes() {
    byte[] high = HEX.parseHex("ff0000000000000000000000");
    byte[] low = HEX.parseHex("400000006553f10a07000000");
    assertTrue(Tai64n.read(high, 0).after(Tai64n.read(low, 0)));
    byte[] bigNanos = HEX.parseHex("400000006553f10af0000000");
    assertTrue(Tai64n.read(bigNanos, 0).after(Tai64n.read(low, 0)));
  }

  @Test
  void readingWhatWasWrittenGivesTheSameTimestampAtAnOffset() {
    Tai64n stamp = Tai64n.of(Instant.ofEpochSecond(1_234_567_890L, 987_654_321));
    byte[] message = new byte[20];
    stamp.write(message, 5);
    assertEquals(stamp, Tai64n.read(message, 5));
    assertArrayEquals(stamp.toBytes(), java.util.Arrays.copyOfRange(message, 5, 17));
  }

  @Test
  void aShortBufferIsRefusedWithTheReason() {
    var error = assertThrows(IllegalArgumentException.class, () -> Tai64n.read(new byte[12], 1));
    assertEquals("a TAI64N timestamp needs 12 bytes at offset 1", error.getMessage());
  }
}
