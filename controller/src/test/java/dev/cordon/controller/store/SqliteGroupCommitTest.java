package dev.cordon.controller.store;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Group commit: transactions that overlap share one SQLite commit, yet each keeps its own revision,
 * its own outcome and its own events, and every one that returned is on disk.
 */
class SqliteGroupCommitTest {
  private static final int WRITERS = 16;
  private static final int EACH = 20;

  @TempDir Path dir;

  @Test
  void overlappingWritersShareCommitsButEachGetsItsOwnRevisionOutcomeAndEvent() throws Exception {
    Map<Long, String> byRevision = new ConcurrentHashMap<>();
    List<String> refused = new ArrayList<>();
    long batches;
    long start;
    try (SqliteStore store = SqliteStore.open(dir, SqliteStoreOptions.DEFAULT)) {
      start = store.currentRevision();
      EventSink sink = new EventSink();
      try (Watch watch = store.watch("/g/", start + 1, sink)) {
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
          int writer = w;
          done.add(
              pool.submit(
                  () -> {
                    go.await();
                    for (int i = 0; i < EACH; i++) {
                      String key = "/g/" + writer + "/" + i;
                      if (i % 5 == 4) {
                        // A put under a lease that does not exist fails alone, mid-batch.
                        try {
                          store.commit(put(key, 999_999));
                          throw new AssertionError(key + " was accepted under a missing lease");
                        } catch (LeaseNotFoundException e) {
                          synchronized (refused) {
                            refused.add(key);
                          }
                        }
                      } else {
                        TxnResult r = store.commit(put(key, 0));
                        assertTrue(r.succeeded());
                        assertEquals(r.revision(), store.get(key).orElseThrow().modRevision(), key);
                        String twice = byRevision.put(r.revision(), key);
                        assertEquals(null, twice, "revision " + r.revision() + " handed out twice");
                      }
                    }
                    return null;
                  }));
        }
        go.countDown();
        for (Future<?> f : done) f.get(60, TimeUnit.SECONDS);
        pool.shutdown();
        int accepted = WRITERS * EACH - refused.size();
        assertEquals(WRITERS * EACH / 5, refused.size());
        assertEquals(accepted, byRevision.size());
        assertEquals(start + accepted, store.currentRevision(), "revisions stay contiguous");

        List<WatchEvent> events = sink.take(accepted, Duration.ofSeconds(30));
        Map<Long, String> watched = new TreeMap<>();
        long previous = start;
        for (WatchEvent e : events) {
          WatchEvent.Put p = assertInstanceOf(WatchEvent.Put.class, e);
          assertTrue(p.kv().modRevision() > previous, "events arrive in revision order");
          previous = p.kv().modRevision();
          watched.put(previous, p.kv().key());
        }
        assertEquals(new TreeMap<>(byRevision), watched, "one event per transaction");
        for (String key : refused) {
          assertEquals(Optional.empty(), store.get(key), key + " failed and left nothing");
        }
      }
      batches = store.batches();
    }
    assertTrue(
        batches < WRITERS * EACH,
        "16 overlapping writers took " + batches + " commits for " + WRITERS * EACH);
    try (SqliteStore reopened = SqliteStore.open(dir, SqliteStoreOptions.DEFAULT)) {
      for (Map.Entry<Long, String> e : byRevision.entrySet()) {
        assertEquals(
            e.getKey(),
            reopened.get(e.getValue()).orElseThrow().modRevision(),
            e.getValue() + " survives a reopen at its revision");
      }
    }
  }

  private static TxnRequest put(String key, long lease) {
    return new TxnRequest(
        List.of(Compare.absent(key)), List.of(Op.put(key, key.getBytes(UTF_8), lease)), List.of());
  }
}
