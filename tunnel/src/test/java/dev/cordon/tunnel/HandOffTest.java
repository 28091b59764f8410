package dev.cordon.tunnel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class HandOffTest {
  private static final long MS = 1_000_000;

  private final HandOff handOff = new HandOff();
  private final HandOff.Reader reader = handOff.reader();

  @Test
  void aLonePacketOnAnIdleDeviceRunsOnTheThreadThatReadIt() {
    assertTrue(reader.runHere(1, 0), "the first batch of an idle device");
    reader.done(0);
    assertTrue(reader.runHere(HandOff.INLINE_MAX, 10 * MS), "a ping 10 ms later");
    assertEquals(new HandOffStats(2, 0), handOff.stats());
  }

  @Test
  void aBatchLargerThanTheLimitIsHandedOffEvenWhenIdle() {
    assertFalse(reader.runHere(HandOff.INLINE_MAX + 1, 0), "a full read means load: spread it");
  }

  @Test
  void aSmallBatchReadBackToBackWithThePreviousOneIsHandedOff() {
    reader.done(10 * MS);
    assertFalse(
        reader.runHere(1, 10 * MS + HandOff.IDLE_GAP_NANOS - 1),
        "packets streaming in: the workers' parallelism wins");
    assertTrue(reader.runHere(1, 10 * MS + HandOff.IDLE_GAP_NANOS), "the stream paused");
  }

  @Test
  void whileAHandedOffBatchIsOutstandingEvenALonePacketIsHandedOffUntilItFinishes() {
    handOff.started();
    handOff.started();
    assertFalse(reader.runHere(1, 0), "the workers are busy: the reader must keep reading");
    handOff.finished();
    assertFalse(reader.runHere(1, 0), "one batch is still outstanding");
    handOff.finished();
    assertTrue(reader.runHere(1, 0), "the workers are idle again");
    assertEquals(new HandOffStats(1, 2), handOff.stats());
  }

  @Test
  void eachReadingThreadJudgesItsOwnIdleness() {
    HandOff.Reader other = handOff.reader();
    reader.done(10 * MS);
    assertTrue(other.runHere(1, 10 * MS), "the other reader has been waiting all along");
  }
}
