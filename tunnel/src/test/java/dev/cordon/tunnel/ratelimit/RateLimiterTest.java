package dev.cordon.tunnel.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class RateLimiterTest {
  private static final long MS = 1_000_000L;

  /** A clock that moves only when the test says so. */
  private long now = 123_456_789_000L;

  private final RateLimiter limiter = new RateLimiter(() -> now, 8);

  private int allowedInARow(int address) {
    int allowed = 0;
    while (allowed < 100 && limiter.allowIpv4(address)) {
      allowed++;
    }
    return allowed;
  }

  @Test
  void aNewSourceGetsABurstOfFiveAtOneInstantThenIsRefused() {
    assertEquals(RateLimiter.BURST, allowedInARow(0x0A00_0001));
    assertFalse(limiter.allowIpv4(0x0A00_0001), "the bucket is empty");
  }

  @Test
  void creditReturnsAtTwentyMessagesPerSecond() {
    allowedInARow(0x0A00_0001);
    now += 49 * MS;
    assertFalse(limiter.allowIpv4(0x0A00_0001), "49 ms buys less than one message");
    now += 1 * MS;
    assertTrue(limiter.allowIpv4(0x0A00_0001), "50 ms buys exactly one");
    assertFalse(limiter.allowIpv4(0x0A00_0001));
    now += 10_000 * MS;
    assertEquals(
        RateLimiter.BURST, allowedInARow(0x0A00_0001), "a long pause refills only to the burst");
  }

  @Test
  void eachSourceHasItsOwnBucketAcrossFamilies() {
    allowedInARow(0x0A00_0001);
    assertTrue(limiter.allowIpv4(0x0A00_0002), "another IPv4 source");
    assertTrue(
        limiter.allowIpv6(0, 0x0A00_0001L), "the IPv6 address ::10.0.0.1 is a different source");
    assertTrue(limiter.allow(InetAddress.ofLiteral("2001:db8::1")));
    assertFalse(
        limiter.allow(InetAddress.ofLiteral("10.0.0.1")), "the same source as the int form");
  }

  @Test
  void sourcesIdleForOverASecondAreForgottenAndMemoryStaysBounded() {
    for (int i = 0; i < 8; i++) {
      assertTrue(limiter.allowIpv4(i));
    }
    assertEquals(8, limiter.trackedSources());
    assertFalse(limiter.allowIpv4(100), "a full table refuses a source it does not track");
    assertTrue(limiter.allowIpv4(3), "tracked sources still get their credit");
    now += 1_500 * MS;
    assertTrue(limiter.allowIpv4(100), "the sweep made room");
    assertEquals(1, limiter.trackedSources(), "only the source heard from since is left");
  }

  @Test
  void aSweepKeepsTheBucketOfASourceHeardFromWithinTheLastSecond() {
    now += 900 * MS;
    allowedInARow(0x0A00_0001);
    now += 100 * MS;
    assertTrue(limiter.allowIpv4(0x0A00_0009), "this call runs the sweep");
    assertEquals(2, limiter.trackedSources());
    assertEquals(2, allowedInARow(0x0A00_0001), "100 ms of credit, not a fresh bucket of five");
  }

  @Test
  void anImpossibleCapacityIsRefused() {
    var error = assertThrows(IllegalArgumentException.class, () -> new RateLimiter(() -> 0, 0));
    assertEquals("capacity 0 outside 1..2^24", error.getMessage());
  }
}
