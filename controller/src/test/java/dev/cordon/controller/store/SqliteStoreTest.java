package dev.cordon.controller.store;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What only the embedded store promises: files, restarts, and leases on a clock it is given. */
class SqliteStoreTest {
  @TempDir Path dir;

  /** A clock that moves only when the test says. */
  static final class ManualClock implements InstantSource {
    final AtomicLong millis = new AtomicLong(1_000_000);

    @Override
    public Instant instant() {
      return Instant.ofEpochMilli(millis.get());
    }

    void advance(Duration d) {
      millis.addAndGet(d.toMillis());
    }
  }

  @Test
  void leasesExpireOnTheGivenClockNotOnTheWallClock() {
    ManualClock clock = new ManualClock();
    SqliteStoreOptions options =
        SqliteStoreOptions.builder().clock(clock).leaseSweepInterval(Duration.ofHours(1)).build();
    try (SqliteStore store = SqliteStore.open(dir, options)) {
      Lease lease = store.grantLease(Duration.ofSeconds(10));
      store.commit(
          new TxnRequest(
              List.of(),
              List.of(Op.put("/presence/a", "up".getBytes(UTF_8), lease.id())),
              List.of()));
      EventSink sink = new EventSink();
      try (Watch watch = store.watch("/presence/", store.currentRevision() + 1, sink)) {
        clock.advance(Duration.ofSeconds(9));
        store.sweepExpiredLeases();
        assertTrue(store.get("/presence/a").isPresent(), "nine seconds into a ten-second lease");
        assertTrue(store.keepAlive(lease.id()), "renewal restarts the full TTL");
        clock.advance(Duration.ofSeconds(9));
        store.sweepExpiredLeases();
        assertTrue(store.get("/presence/a").isPresent(), "renewed nine seconds ago");
        clock.advance(Duration.ofSeconds(2));
        store.sweepExpiredLeases();
        assertEquals(Optional.empty(), store.get("/presence/a"), "past the renewed deadline");
        assertEquals(
            "/presence/a",
            assertInstanceOf(WatchEvent.Delete.class, sink.next(Duration.ofSeconds(5))).key());
      }
    }
  }

  @Test
  void valuesRevisionsAndCompactionSurviveARestart() {
    long revision;
    try (Store store = Store.openSqlite(dir, SqliteStoreOptions.DEFAULT)) {
      store.put("/a", "1".getBytes(UTF_8));
      revision = store.put("/a", "2".getBytes(UTF_8));
      store.compact(revision);
    }
    try (Store store = Store.openSqlite(dir, SqliteStoreOptions.DEFAULT)) {
      assertEquals(revision, store.currentRevision());
      assertEquals(2, store.get("/a").orElseThrow().version());
      EventSink sink = new EventSink();
      try (Watch watch = store.watch("/", revision - 1, sink)) {
        assertEquals(
            new WatchEvent.Compacted(revision),
            sink.next(Duration.ofSeconds(5)),
            "the compaction point was persisted");
      }
    }
  }

  @Test
  void theDatabaseRunsInWalModeInsideTheDataDirectory() throws Exception {
    try (Store store = Store.openSqlite(dir, SqliteStoreOptions.DEFAULT)) {
      store.put("/a", new byte[] {1});
      assertTrue(Files.exists(dir.resolve("cordon.db")));
      assertTrue(Files.exists(dir.resolve("cordon.db-wal")), "WAL mode keeps a -wal file");
    }
  }

  @Test
  void aSecondStoreOnTheSameDirectoryIsRefusedWithTheDirectoryInTheMessage() {
    try (Store first = Store.openSqlite(dir, SqliteStoreOptions.DEFAULT)) {
      StoreException e =
          assertThrows(
              StoreException.class, () -> Store.openSqlite(dir, SqliteStoreOptions.DEFAULT));
      assertTrue(e.getMessage().contains(dir.toString()), e.getMessage());
      assertTrue(e.getMessage().contains("in use"), e.getMessage());
    }
    Store.openSqlite(dir, SqliteStoreOptions.DEFAULT).close(); // released on close
  }

  @Test
  void aDataDirectoryThatIsAFileIsRefusedNamingThePath() throws Exception {
    Path file = Files.writeString(dir.resolve("not-a-dir"), "x");
    StoreException e =
        assertThrows(
            StoreException.class, () -> Store.openSqlite(file, SqliteStoreOptions.DEFAULT));
    assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    assertTrue(e.getMessage().contains("not a directory"), e.getMessage());
  }

  @Test
  void aDataDirectoryThatCannotBeCreatedIsRefusedNamingThePath() throws Exception {
    Files.writeString(dir.resolve("blocker"), "x");
    Path below = dir.resolve("blocker").resolve("data");
    StoreException e =
        assertThrows(
            StoreException.class, () -> Store.openSqlite(below, SqliteStoreOptions.DEFAULT));
    assertTrue(e.getMessage().contains(below.toString()), e.getMessage());
  }

  @Test
  void aClosedStoreRefusesWorkAndEndsItsWatches() {
    Store store = Store.openSqlite(dir, SqliteStoreOptions.DEFAULT);
    EventSink sink = new EventSink();
    store.watch("/", 1, sink);
    store.close();
    assertInstanceOf(WatchEvent.Broken.class, sink.next(Duration.ofSeconds(5)));
    StoreException e = assertThrows(StoreException.class, () -> store.get("/a"));
    assertTrue(e.getMessage().contains("closed"), e.getMessage());
    assertFalse(e.getMessage().isEmpty());
  }
}
