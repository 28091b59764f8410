package dev.cordon.client.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RenewalScheduleTest {

  private static final Instant ISSUED = Instant.parse("2025-06-01T00:00:00Z");
  private static final Instant EXPIRES = ISSUED.plus(Duration.ofHours(24));

  @Test
  void aDayLongCertificateIsRenewedSixteenHoursIn() {
    assertEquals(ISSUED.plus(Duration.ofHours(16)), RenewalSchedule.renewAt(ISSUED, EXPIRES));
    assertEquals(
        Duration.ofHours(6),
        RenewalSchedule.delay(ISSUED.plus(Duration.ofHours(10)), ISSUED, EXPIRES));
  }

  @Test
  void aCertificatePastTwoThirdsIsRenewedAtOnce() {
    assertEquals(
        Duration.ZERO, RenewalSchedule.delay(ISSUED.plus(Duration.ofHours(20)), ISSUED, EXPIRES));
  }

  @Test
  void aFreshCertificateBackdatedPastItsTwoThirdsIsRenewedTwoThirdsIntoWhatIsLeftNotAtOnce() {
    Instant received = Instant.parse("2025-06-01T12:00:00Z");
    Instant backdated = received.minus(Duration.ofMinutes(5));
    Instant expires = received.plus(Duration.ofMinutes(1));

    assertEquals(Duration.ZERO, RenewalSchedule.delay(received, backdated, expires));
    assertEquals(
        Duration.ofSeconds(40),
        RenewalSchedule.delayAfterRenewal(received, backdated, expires),
        "2/3 of the minute left, so renewals do not loop");
  }

  @Test
  void aFreshDayLongCertificateIsRenewedTwoThirdsIntoItsUsableLifeNeverBeforeTheStatedPoint() {
    Instant received = ISSUED.plus(Duration.ofMinutes(5));
    Duration wait = RenewalSchedule.delayAfterRenewal(received, ISSUED, EXPIRES);
    assertTrue(
        !received.plus(wait).isBefore(RenewalSchedule.renewAt(ISSUED, EXPIRES)),
        "never before the controller opens renewal: " + wait);
    assertEquals(Duration.between(received, EXPIRES).multipliedBy(2).dividedBy(3), wait);
  }

  @Test
  void retriesGetDenserAsExpiryNearsWithinTheirBounds() {
    assertEquals(
        RenewalSchedule.MAX_RETRY,
        RenewalSchedule.retryDelay(ISSUED.plus(Duration.ofHours(16)), EXPIRES));
    assertEquals(
        Duration.ofMinutes(6), RenewalSchedule.retryDelay(EXPIRES.minusSeconds(3600), EXPIRES));
    assertEquals(
        RenewalSchedule.MIN_RETRY, RenewalSchedule.retryDelay(EXPIRES.minusSeconds(30), EXPIRES));
    assertEquals(
        RenewalSchedule.MIN_RETRY, RenewalSchedule.retryDelay(EXPIRES.plusSeconds(1), EXPIRES));
  }

  @Test
  void aFakeClockWalkingThroughFailuresNeverPassesExpiryWithoutATry() {
    Instant now = RenewalSchedule.renewAt(ISSUED, EXPIRES);
    List<Instant> attempts = new ArrayList<>();
    while (now.isBefore(EXPIRES)) {
      attempts.add(now);
      now = now.plus(RenewalSchedule.retryDelay(now, EXPIRES));
    }
    assertTrue(attempts.size() > 10, "attempts: " + attempts.size());
    Duration lastGap = Duration.between(attempts.getLast(), EXPIRES);
    assertTrue(lastGap.compareTo(Duration.ofMinutes(1)) < 0, "last try " + lastGap + " before");
  }

  @Test
  void backoffGrowsExponentiallyWithJitterInTheUpperHalfUpToItsCeilingAndResets() {
    double[] draws = {0.0, 0.999, 0.5, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0};
    int[] i = {0};
    Backoff backoff =
        new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(8), () -> draws[i[0]++]);
    assertEquals(Duration.ofMillis(500), backoff.next());
    assertEquals(Duration.ofMillis(1999), backoff.next());
    assertEquals(Duration.ofMillis(3000), backoff.next());
    assertEquals(Duration.ofMillis(4000), backoff.next());
    assertEquals(Duration.ofMillis(4000), backoff.next());
    backoff.reset();
    assertEquals(Duration.ofMillis(500), backoff.next());
  }
}
