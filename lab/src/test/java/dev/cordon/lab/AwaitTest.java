package dev.cordon.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class AwaitTest {
  @Test
  void returns_as_soon_as_the_condition_holds() {
    var polls = new AtomicInteger();
    Await.until("the third poll", Duration.ofSeconds(10), () -> polls.incrementAndGet() == 3);
    assertEquals(3, polls.get());
  }

  @Test
  void a_condition_that_never_holds_fails_naming_what_was_awaited_and_for_how_long() {
    var e =
        assertThrows(
            Await.TimedOut.class,
            () -> Await.until("the moon", Duration.ofMillis(300), () -> false));
    assertEquals("timed out after 0.3s waiting for the moon", e.getMessage());
  }

  @Test
  void whole_seconds_are_printed_without_a_fraction() {
    assertEquals(
        "timed out after 2s waiting for x",
        new Await.TimedOut("x", Duration.ofSeconds(2)).getMessage());
  }
}
