package dev.cordon.gateway.sync;

import static org.junit.jupiter.api.Assertions.*;

import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FailStaticTest {
  @Test
  void theLastTableIsTrustedForTheBoundAfterTheControllerIsLostAndNotAfter() {
    FailStatic f = new FailStatic(Duration.ofSeconds(60), 0);
    f.connected();
    assertTrue(f.trusted(1_000_000));
    f.disconnected(1_000);
    assertTrue(f.trusted(61_000));
    assertFalse(f.trusted(61_001));
    f.disconnected(50_000); // a failed reconnect does not restart the clock
    assertFalse(f.trusted(61_001));
    f.connected();
    assertTrue(f.trusted(10_000_000));
  }

  @Test
  void backoffGrowsToItsCapWithJitterAndResets() {
    Backoff b = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(2), new Random(7));
    long max = 0;
    for (int i = 0; i < 50; i++) {
      long d = b.nextDelayMillis();
      assertTrue(d >= 0 && d <= 2000, "delay " + d);
      max = Math.max(max, d);
    }
    assertTrue(max > 1000, "the ceiling reached the cap");
    b.reset();
    assertTrue(b.nextDelayMillis() <= 100);
  }
}
