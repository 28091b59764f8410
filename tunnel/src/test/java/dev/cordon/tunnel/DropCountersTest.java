package dev.cordon.tunnel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.cordon.tunnel.session.Drop;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DropCountersTest {
  @Test
  void aWholeBatchThrownAwayCountsOnePerPacketUnderItsReason() {
    DropCounters drops = new DropCounters();
    drops.count(DropReason.WORKER_QUEUE_FULL, 64);
    drops.count(DropReason.WORKER_QUEUE_FULL, 3);
    drops.count(DropReason.TUN_WRITE_FAILED);
    assertEquals(
        Map.of(DropReason.TUN_WRITE_FAILED, 1L, DropReason.WORKER_QUEUE_FULL, 67L),
        drops.snapshot());
  }

  @Test
  void anEmptyBatchLeavesNoZeroCountBehind() {
    DropCounters drops = new DropCounters();
    drops.count(DropReason.WORKER_QUEUE_FULL, 0);
    assertFalse(drops.snapshot().containsKey(DropReason.WORKER_QUEUE_FULL));
  }

  @Test
  void theSessionLayersNewReasonsAppearInLowerCase() {
    DropCounters drops = new DropCounters();
    drops.count(Drop.STAGED_OVERFLOW);
    drops.count(Drop.HANDSHAKE_GAVE_UP);
    assertEquals(
        Map.of(new DropReason("handshake_gave_up"), 1L, new DropReason("staged_overflow"), 1L),
        drops.snapshot());
  }
}
