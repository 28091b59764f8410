package dev.cordon.controller.telemetry;

import static dev.cordon.controller.telemetry.Records.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.cordon.controller.store.SqliteStoreOptions;
import dev.cordon.controller.store.Store;
import dev.cordon.controller.testing.MutableClock;
import dev.cordon.proto.v1.SecurityEvent;
import dev.cordon.proto.v1.TelemetryBatch;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TelemetryArchiveTest {

  @TempDir Path dir;
  private final MutableClock clock = new MutableClock(T0);
  // No periodic flush: the test flushes by hand.
  private final TelemetryLimits limits =
      new TelemetryLimits(
          2_000, 1_000, 4096, 6, 1 << 20, Duration.ofDays(1), 10, Duration.ofDays(1), 2);

  private static void send(Telemetry telemetry, int flows, String prefix) {
    TelemetryBatch.Builder batch = TelemetryBatch.newBuilder();
    for (int i = 0; i < flows; i++) {
      batch.addFlows(Records.allowed(prefix + i, "d-1", T0.plusSeconds(i)));
    }
    telemetry.intake(Records.gateway("hq"), new Responses<>()).onNext(batch.build());
  }

  private static List<String> ids(Telemetry telemetry) {
    return telemetry.query(EventQuery.all(100)).events().stream()
        .map(SecurityEvent::getEventId)
        .toList();
  }

  @Test
  void recordsGoToTheStoreInChunksAndComeBackAfterARestart() {
    Store store = Store.openSqlite(dir, SqliteStoreOptions.DEFAULT);
    List<String> before;
    try (Telemetry telemetry = Telemetry.open(store, clock, "c1", limits)) {
      send(telemetry, 5, "f");
      telemetry.flush();
      assertEquals(
          3,
          store.range(TelemetryArchive.EVENTS).kvs().size(),
          "five records in chunks of two: three writes, not five");
      assertEquals(1, store.range(TelemetryArchive.COUNTERS).kvs().size(), "one device changed");
      before = ids(telemetry);
    }
    try (Telemetry reopened = Telemetry.open(store, clock, "c1", limits)) {
      assertEquals(before, ids(reopened));
      assertEquals(5, reopened.counts("d-1").orElseThrow().flows());
      send(reopened, 1, "g");
      assertEquals("g0", flowId(reopened.query(EventQuery.all(100)).events().getLast()));
      assertEquals(6, reopened.counts("d-1").orElseThrow().flows());
    } finally {
      store.close();
    }
  }

  @Test
  void theStoreHoldsNoMoreThanTheLogDoes() {
    Store store = Store.openSqlite(dir, SqliteStoreOptions.DEFAULT);
    try (Telemetry telemetry = Telemetry.open(store, clock, "c1", limits)) {
      for (int round = 0; round < 5; round++) {
        send(telemetry, 4, "r" + round + "-");
        telemetry.flush();
      }
      assertEquals(6, ids(telemetry).size(), "the log holds six entries");
      assertEquals(
          3,
          store.range(TelemetryArchive.EVENTS).kvs().size(),
          "chunks of evicted entries are deleted");
    } finally {
      store.close();
    }
  }

  @Test
  void storedChunksGoWhenTheirEntriesAgeOutEvenWithNoNewTraffic() {
    Store store = Store.openSqlite(dir, SqliteStoreOptions.DEFAULT);
    try (Telemetry telemetry = Telemetry.open(store, clock, "c1", limits)) {
      send(telemetry, 3, "f");
      telemetry.flush();
      clock.advance(Duration.ofDays(1).plusSeconds(1));
      telemetry.flush();
      assertEquals(List.of(), store.range(TelemetryArchive.EVENTS).kvs());
      assertEquals(List.of(), ids(telemetry));
    } finally {
      store.close();
    }
  }

  @Test
  void eachControllerWritesUnderItsOwnName() {
    Store store = Store.openSqlite(dir, SqliteStoreOptions.DEFAULT);
    try (Telemetry one = Telemetry.open(store, clock, "c1", limits);
        Telemetry two = Telemetry.open(store, clock, "c2", limits)) {
      send(one, 1, "a");
      send(two, 1, "b");
      one.flush();
      two.flush();
      assertEquals(1, store.range(TelemetryArchive.EVENTS + "c1/").kvs().size());
      assertEquals(1, store.range(TelemetryArchive.EVENTS + "c2/").kvs().size());
      assertEquals(
          Optional.of(1L), one.counts("d-1").map(DeviceCounts::flows), "c1 counts only its own");
    } finally {
      store.close();
    }
  }

  private static String flowId(SecurityEvent event) {
    return event.getAttributesOrThrow("flow_id");
  }
}
