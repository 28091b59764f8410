package dev.cordon.controller.telemetry;

import static dev.cordon.controller.telemetry.Records.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class DeviceCountersTest {

  @Test
  void endedFlowsAddUpPerSendingDevice() {
    DeviceCounters counters = new DeviceCounters(10);
    assertTrue(counters.count(Records.allowed("f1", "d-1", T0).build()));
    assertTrue(counters.count(Records.denied("f2", "d-1", T0.plusSeconds(5)).build()));
    assertEquals(
        Optional.of(new DeviceCounts(2, 1, 1260, 5000, 11, 12, T0.plusSeconds(5))),
        counters.of("d-1"));
  }

  @Test
  void anInterimRecordMovesLastSeenButDoesNotCountTwice() {
    DeviceCounters counters = new DeviceCounters(10);
    counters.count(Records.allowed("long", "d-1", T0).setEnded(false).build());
    assertEquals(
        Optional.of(new DeviceCounts(0, 0, 0, 0, 0, 0, T0.plusSeconds(2))), counters.of("d-1"));
  }

  @Test
  void devicesBeyondTheLimitAreNotCountedSoInventedNamesCannotGrowMemory() {
    DeviceCounters counters = new DeviceCounters(2);
    assertTrue(counters.count(Records.allowed("a", "d-1", T0).build()));
    assertTrue(counters.count(Records.allowed("b", "d-2", T0).build()));
    assertFalse(counters.count(Records.allowed("c", "d-3", T0).build()));
    assertTrue(counters.count(Records.allowed("d", "d-1", T0).build()), "known ones still count");
    assertEquals(2, counters.devices());
  }

  @Test
  void aNameThatIsNoDeviceIdIsNotCounted() {
    DeviceCounters counters = new DeviceCounters(10);
    assertFalse(counters.count(Records.allowed("a", "../../admins/owner", T0).build()));
    assertEquals(0, counters.devices());
  }

  @Test
  void countsSurviveTheirStoredLine() {
    DeviceCounts counts = new DeviceCounts(3, 1, 10, 20, 30, 40, T0);
    assertEquals(counts, DeviceCounts.decode(counts.encode()));
  }
}
