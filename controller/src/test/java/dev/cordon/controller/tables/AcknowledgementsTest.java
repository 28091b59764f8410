package dev.cordon.controller.tables;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.cordon.controller.store.SqliteStoreOptions;
import dev.cordon.controller.store.Store;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AcknowledgementsTest {
  @TempDir Path dir;
  private final Clock clock = Clock.fixed(Instant.parse("2026-03-02T10:00:00Z"), ZoneOffset.UTC);

  @Test
  void theNewestAcknowledgementIsKeptAndSeenByEveryController() {
    try (Store store = Store.openSqlite(dir, SqliteStoreOptions.DEFAULT)) {
      for (int i = 0; i < 5; i++) store.put("/filler/" + i, new byte[] {1});
      Acknowledgements viaA = new Acknowledgements(store, clock, "controller-a");
      Acknowledgements viaB = new Acknowledgements(store, clock, "controller-b");
      Instant received = Instant.parse("2026-03-02T09:59:59.990Z");
      Instant applied = Instant.parse("2026-03-02T09:59:59.995Z");

      viaA.record("hq", 4, received, applied);
      Acknowledgement seen = viaB.find("hq").orElseThrow();
      assertEquals(4, seen.version());
      assertEquals(applied, seen.appliedAt());
      assertEquals(clock.instant(), seen.recordedAt());
      assertEquals("controller-a", seen.recordedBy());

      Acknowledgement late = viaB.record("hq", 3, received, applied);
      assertEquals(4, late.version(), "a late, older acknowledgement does not move hq backwards");
      assertEquals(4, viaA.find("hq").orElseThrow().version());
      assertEquals(1, viaA.all().size());
    }
  }

  @Test
  void aVersionNoTableEverHadIsRefused() {
    try (Store store = Store.openSqlite(dir, SqliteStoreOptions.DEFAULT)) {
      Acknowledgements acks = new Acknowledgements(store, clock, "c");
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> acks.record("hq", 99, null, null));
      assertEquals(true, e.getMessage().contains("never sent"), e.getMessage());
    }
  }
}
